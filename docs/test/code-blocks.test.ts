import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// The READMEs of the packages a PSA engineer starts from: their examples must run as written too.
const packageReadmes = ['client', 'core', 'storage-memory', 'storage-postgres'].map((name) => join(root, 'packages', name, 'README.md'));
const files = [...markdownFiles(docs, [join(docs, 'api')]), ...exampleReadmes, ...packageReadmes];

/**
 * Blocks that are not run, each with the reason. Only for a block of a README this suite does not own
 * that cannot run as written; every entry must still name an existing block (checked below), so a
 * fixed or moved block makes the entry fail instead of hiding it.
 */
const notRun: ReadonlyArray<{ file: string; line: number; why: string; sameAs?: string }> = [
  {
    file: 'packages/storage-memory/README.md',
    line: 24,
    // A vitest test file declares suites (describe/it), which vitest refuses inside a running test.
    why: 'a whole vitest test file (runStorageConformance declares suites), which cannot be declared from inside this test; it is the package\'s own test/conformance.test.ts, run by `--project storage-memory`',
    sameAs: 'packages/storage-memory/test/conformance.test.ts',
  },
];

const allBlocks = files.flatMap((file) => extractBlocks(file, root));
const blocks = allBlocks.filter((b) => !notRun.some((n) => n.file === b.file && n.line === b.line));

describe('every ```ts block in docs/, in the examples\' READMEs and in the main packages\' READMEs runs against the simulator', () => {
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
    for (const name of ['client', 'core', 'storage-memory', 'storage-postgres']) {
      expect(blocks.filter((b) => b.file === `packages/${name}/README.md`).length, `runnable blocks in packages/${name}/README.md`).toBeGreaterThan(0);
    }
  });

  it('every block left out is named with its reason and still exists', () => {
    for (const entry of notRun) {
      expect(entry.why.length, `${entry.file}:${entry.line} needs a reason`).toBeGreaterThan(10);
      const block = allBlocks.find((b) => b.file === entry.file && b.line === entry.line);
      expect(block, `${entry.file}:${entry.line} is no longer a ts block: drop it from notRun`).toBeDefined();
      // Not run here, but run elsewhere: the block must be that file, word for word.
      if (entry.sameAs !== undefined) expect(block?.code.trim()).toBe(readFileSync(join(root, entry.sameAs), 'utf8').trim());
    }
  });

  for (const block of blocks) {
    it(`${block.file}:${block.line}`, () => runBlock(block, out));
  }
});
