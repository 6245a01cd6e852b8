import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README quick start', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is the same code as test/readme-example.ts', () => {
    expect(read('../README.md')).toContain(read('./readme-example.ts').trim());
  });

  it('runs against the simulator and prints what its comments say', async () => {
    const lines: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
    await import('./readme-example');
    expect(lines[0]?.[0]).toMatchObject({ ok: true });
    expect(lines).toContainEqual(['succeeded', expect.objectContaining({ created: expect.any(Number) })]);
    expect(lines).toContainEqual([[{ entity: 'products', reason: 'never-synced' }]]);
    expect(lines.some((l) => l[0] === 'created' && l[1] === 'subscriptions')).toBe(true);
  });
});
