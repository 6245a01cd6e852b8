import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the same code as test/readme-example.ts', () => {
    expect(read('../README.md')).toContain(read('./readme-example.ts').trim());
  });

  it('runs and prints what its comments say', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
    await import('./readme-example');
    expect(lines).toEqual([
      'smith and jones',
      '1',
      'Acme, Inc. → ACME LLC  1.00  (acme / acme)',
      'Northside Pediatrics PC → Northside Pediatrics  1.00  (northside pediatrics / northside pediatrics)',
      '["Southside Pediatrics: outmatched"]',
    ]);
  });
});
