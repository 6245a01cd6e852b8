import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { committedScreenshots, publishScreenshots, readmeScreenshots } from './support/screenshots';

const testDir = fileURLToPath(new URL('./', import.meta.url));
const testSources = readdirSync(testDir)
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => readFileSync(join(testDir, file), 'utf8'))
  .join('\n');

// The README's screenshots come from the browser tests (`pnpm screenshots` in this package
// regenerates them), so none can be a stale picture of a screen that changed or went away.
it('every screenshot the README shows is committed, taken by a browser test, and no other is committed', () => {
  const shown = readmeScreenshots();
  expect(shown.length).toBeGreaterThanOrEqual(6);
  expect([...committedScreenshots()].sort()).toEqual([...new Set(shown)].sort());
  for (const name of shown) expect({ name, taken: testSources.includes(`screenshot('${name}'`) }).toEqual({ name, taken: true });
});

it('publishing copies exactly the screenshots a run took that the README shows', async () => {
  const from = `${await mkdtemp(join(tmpdir(), 'console-shots-from-'))}/`;
  const to = `${await mkdtemp(join(tmpdir(), 'console-shots-to-'))}/`;
  try {
    const [shown] = readmeScreenshots();
    await writeFile(`${from}${shown}.png`, 'fresh');
    await writeFile(`${from}not-in-readme.png`, 'other');
    expect(await publishScreenshots([shown!, 'not-in-readme', shown!], { from, to })).toEqual([shown]);
    expect(readdirSync(to)).toEqual([`${shown}.png`]);
    expect(await readFile(`${to}${shown}.png`, 'utf8')).toBe('fresh');
  } finally {
    await rm(from, { recursive: true, force: true });
    await rm(to, { recursive: true, force: true });
  }
});
