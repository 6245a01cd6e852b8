import { readdirSync, readFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where the tests save screenshots (gitignored). */
export const screenshotDir = fileURLToPath(new URL('../.screenshots/', import.meta.url));

/** The committed copies the README shows. */
export const committedDir = fileURLToPath(new URL('../../screenshots/', import.meta.url));

const readme = fileURLToPath(new URL('../../README.md', import.meta.url));

/** `pnpm screenshots` (in this package) sets it: the tests then copy the README's screenshots they took into `screenshots/`. */
export const updateScreenshots = process.env.PAX8_CONSOLE_SCREENSHOTS === 'update';

/** The names of the screenshots the README shows (`screenshots/<name>.png`), in order. */
export function readmeScreenshots(): string[] {
  return [...readFileSync(readme, 'utf8').matchAll(/\(screenshots\/([a-z0-9-]+)\.png\)/g)].map((m) => m[1] as string);
}

/** The names of the committed screenshot files. */
export function committedScreenshots(): string[] {
  return readdirSync(committedDir)
    .filter((file) => file.endsWith('.png'))
    .map((file) => file.slice(0, -'.png'.length));
}

/** Copies the screenshots of `taken` that the README shows from `test/.screenshots/` (or `dirs.from`) into `screenshots/` (or `dirs.to`); returns their names. */
export async function publishScreenshots(taken: Iterable<string>, dirs: { from: string; to: string } = { from: screenshotDir, to: committedDir }): Promise<string[]> {
  const shown = new Set(readmeScreenshots());
  const copied = [...new Set(taken)].filter((name) => shown.has(name));
  for (const name of copied) await copyFile(`${dirs.from}${name}.png`, `${dirs.to}${name}.png`);
  return copied;
}
