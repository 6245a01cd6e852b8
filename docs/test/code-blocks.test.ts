import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractBlocks, markdownFiles, runBlock } from './extract-blocks';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = join(root, 'docs');
// Written inside the workspace package that declares the blocks' dependencies, so imports resolve as in a user's project.
const out = join(root, 'examples', 'docs-blocks', '.generated');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const exampleReadmes = readdirSync(join(root, 'examples'))
  .map((name) => join(root, 'examples', name, 'README.md'))
  .filter((path) => existsSync(path));
const files = [...markdownFiles(docs, [join(docs, 'api')]), ...exampleReadmes];
const blocks = files.flatMap((file) => extractBlocks(file, root));

describe('every ```ts block in docs/ and in the examples\' READMEs runs against the simulator', () => {
  it('the harness reports a failing block with its file and line, and finds every block with its line', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'pax8-doc-blocks-'));
    const markdown = join(scratch, 'sample.md');
    writeFileSync(markdown, ['# Sample', '', '```ts', "import assert from 'node:assert/strict';", 'assert.equal(1 + 1, 3);', '```', '', '```sh', 'echo not run', '```', '```typescript', 'const two: number = 2;', "if (two !== 2) throw new Error('unreachable');", '```', ''].join('\n'));
    const found = extractBlocks(markdown, scratch);
    expect(found.map((b) => [b.file, b.line])).toEqual([['sample.md', 3], ['sample.md', 11]]);
    await expect(runBlock(found[0]!, out)).rejects.toThrow(/^The code block at sample\.md:3 failed: AssertionError/);
    await expect(runBlock(found[1]!, out)).resolves.toBeUndefined();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finds the documentation and its blocks', () => {
    expect(files.map((f) => f.slice(root.length))).toEqual(
      expect.arrayContaining(['docs/README.md', 'docs/getting-started.md', 'docs/concepts.md', 'docs/troubleshooting.md', 'examples/billing-feed/README.md', 'examples/custom-adapter/README.md']),
    );
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  for (const block of blocks) {
    it(`${block.file}:${block.line}`, () => runBlock(block, out));
  }
});
