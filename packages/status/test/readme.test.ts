import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the same code as test/readme-example.ts', () => {
    expect(read('../README.md')).toContain(read('./readme-example.ts').trim());
  });

  it('runs and prints what its comments say', async () => {
    const lines: unknown[][] = [];
    const warnings: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => lines.push(args));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => warnings.push(args));
    await import('./readme-example');
    expect(lines[0]?.[0]).toMatchObject({ state: 'active', status: 'PendingActivation', known: true, source: 'table', tableVersion: 1 });
    expect(lines.slice(1, 5)).toEqual([['inactive'], ['inactive'], ['inactive', false], ['override']]);
    expect(warnings).toEqual([['unknown Pax8 status', 'subscription', 'Suspended']]);
    expect(String(lines[5 + 7]?.[0])).toMatch(/^PendingManual +active +The order waits for a manual/);
    expect(lines.at(-1)).toEqual(['table version 1']);
  });
});
