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
    const dir = mkdtempSync(join(tmpdir(), 'status-readme-'));
    const file = join(dir, 'example.ts');
    writeFileSync(file, code!);
    const lines: unknown[][] = [];
    const warnings: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => lines.push(args));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => warnings.push(args));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines[0]?.[0]).toMatchObject({ state: 'active', status: 'PendingActivation', known: true, source: 'table', tableVersion: 1 });
    expect(lines.slice(1, 5)).toEqual([['inactive'], ['inactive'], ['inactive', false], ['override']]);
    expect(warnings).toEqual([['unknown Pax8 status', 'subscription', 'Suspended']]);
    expect(String(lines[5 + 7]?.[0])).toMatch(/^PendingManual +active +The order waits for a manual/);
    expect(lines.at(-1)).toEqual(['table version 1']);
  });
});
