import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs and prints what its comments say', async () => {
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, 'README.md has no ```ts example').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'matcher-readme-'));
    const file = join(dir, 'example.ts');
    writeFileSync(file, code!);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
    try {
      await import(pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines).toEqual([
      'smith and jones',
      '1',
      'Acme, Inc. → ACME LLC  1.00  (acme / acme)',
      'Northside Pediatrics PC → Northside Pediatrics  1.00  (northside pediatrics / northside pediatrics)',
      '["Southside Pediatrics: outmatched"]',
    ]);
  });
});
