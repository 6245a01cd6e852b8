import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README example', () => {
  it('is the same code as test/readme-example.ts', () => {
    expect(read('../README.md')).toContain(read('./readme-example.ts').trim());
  });

  it('runs and finds what it claims', async () => {
    const { summary } = await import('./readme-example');
    expect(summary).toEqual({
      seats: Array.from({ length: 450 }, (_, n) => n % 10).reduce((a, b) => a + b, 0),
      orderOutcome: 'may have been applied: check Pax8 before retrying',
    });
  });
});
