import { readFileSync } from 'node:fs';

/** The code between `// #region <name>` and `// #endregion <name>` of a test file (the README shows it word for word). */
export function region(fileUrl: string, name: string): string {
  const self = readFileSync(new URL(fileUrl), 'utf8');
  const open = `// #region ${name}\n`;
  const start = self.indexOf(open);
  const end = self.indexOf(`// #endregion ${name}`);
  if (start < 0 || end < start) throw new Error(`no region ${name} in ${fileUrl}`);
  return self.slice(start + open.length, end).trim();
}

/** The package README. */
export function readme(): string {
  return readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
}
