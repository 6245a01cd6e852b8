import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeBlock, extractBlocks } from '../../docs/test/extract-blocks';
import { repositoryRoot } from '../openapi/snapshot';

/** The page the consumer test runs as a user would. */
export const GETTING_STARTED = 'docs/getting-started.md';

/** The ```ts blocks of the getting-started page, each a whole program. */
export function gettingStartedBlocks(): CodeBlock[] {
  return extractBlocks(join(repositoryRoot, GETTING_STARTED), repositoryRoot);
}

/** The packages the page's ```sh blocks tell a user to install (`pnpm add [-D] a b c`), in order. */
export function installedPackages(markdown: string = readFileSync(join(repositoryRoot, GETTING_STARTED), 'utf8')): { name: string; dev: boolean }[] {
  const out: { name: string; dev: boolean }[] = [];
  for (const line of markdown.split('\n')) {
    const command = /^\s*pnpm add\s+(.*?)\s*(#.*)?$/.exec(line);
    if (!command) continue;
    const words = (command[1] ?? '').split(/\s+/).filter((w) => w !== '');
    const dev = words.includes('-D') || words.includes('--save-dev');
    for (const word of words) if (!word.startsWith('-')) out.push({ name: word, dev });
  }
  return out;
}

/** The package of a module specifier: `@scope/name/sub` → `@scope/name`, `pg/lib` → `pg`; `null` for Node's own modules. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || specifier.startsWith('.')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? null);
}

/** Every package the blocks import. */
export function importedPackages(blocks: readonly CodeBlock[]): string[] {
  const names = new Set<string>();
  for (const block of blocks) {
    for (const match of block.code.matchAll(/^\s*import\s[\s\S]*?from\s+'([^']+)';?\s*$/gm)) {
      const name = packageOf(match[1] ?? '');
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * The block as a CommonJS program: its imports stay at the top (TypeScript turns them into
 * `require` calls in a `.cts` file) and the rest, which uses top-level await, runs in `main()`.
 */
export function toCommonJs(code: string): string {
  const imports = [...code.matchAll(/^import\s[\s\S]*?from\s+'[^']+';?[ \t]*$/gm)];
  const last = imports.at(-1);
  const end = last ? (last.index ?? 0) + last[0].length : 0;
  return [
    code.slice(0, end),
    '',
    'async function main(): Promise<void> {',
    code.slice(end).trim(),
    '}',
    '',
    'main().catch((error: unknown) => {',
    '  console.error(error);',
    '  process.exitCode = 1;',
    '});',
    '',
  ].join('\n');
}
