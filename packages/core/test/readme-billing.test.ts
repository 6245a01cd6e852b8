import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README billing example', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is the same code as test/readme-billing-example.ts', () => {
    expect(read('../README.md')).toContain(read('./readme-billing-example.ts').trim());
  });

  it('syncs the month and prints findings and the total at stake', async () => {
    const lines: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
    await import('./readme-billing-example');
    expect(lines[0]).toEqual(['succeeded']);
    const findings = lines.slice(1, -1);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((l) => l[0] === 'charged-not-billed' && typeof l[3] === 'number' && l[3] > 0)).toBe(true);
    const total = lines.at(-1)?.[0] as { findings: number; amountAtStake: number | null; byCurrency: Record<string, number> };
    expect(total.findings).toBe(findings.length);
    const currencies = Object.values(total.byCurrency);
    expect(currencies.length).toBeGreaterThan(0);
    expect(total.amountAtStake).toBe(currencies.length === 1 ? currencies[0] : null);
  });
});
