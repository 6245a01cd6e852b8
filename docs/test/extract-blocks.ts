import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One ```ts block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** Line of the opening fence (1-based). */
  line: number;
  /** The code. */
  code: string;
}

/** Every Markdown file under `dir`, skipping `skip` (the generated API reference). */
export function markdownFiles(dir: string, skip: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (skip.includes(path)) continue;
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path, skip));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

/** The ```ts (or ```typescript) blocks of a Markdown file, with the line each starts on. */
export function extractBlocks(path: string, root: string): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let open: { line: number; code: string[] } | undefined;
  lines.forEach((text, index) => {
    if (open === undefined) {
      if (/^```(ts|typescript)\s*$/.test(text.trim())) open = { line: index + 1, code: [] };
    } else if (text.trim() === '```') {
      blocks.push({ file: relative(root, path), line: open.line, code: open.code.join('\n') });
      open = undefined;
    } else open.code.push(text);
  });
  if (open !== undefined) throw new Error(`${relative(root, path)}:${open.line}: a \`\`\`ts block is never closed`);
  return blocks;
}
