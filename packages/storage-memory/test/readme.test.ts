import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README example', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is the same code as test/readme-example.ts and the conformance block is test/conformance.test.ts', () => {
    const readme = read('../README.md');
    expect(readme).toContain(read('./readme-example.ts').trim());
    expect(readme).toContain(read('./conformance.test.ts').trim());
  });

  it('runs and prints what its comments say', async () => {
    const lines: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
    await import('./readme-example');
    expect(lines).toEqual([
      ['v1', { concurrentTransactions: false, durable: false, renewInTransaction: true, delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true }],
      [[]],
    ]);
  });
});
