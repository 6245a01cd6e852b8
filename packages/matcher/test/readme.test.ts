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
      'Acme, Inc. → ACME LLC  1.00 = spelling 1.00 × words 1.00',
      'Northside Pediatrics PC → Northside Pediatrics  1.00 = spelling 1.00 × words 1.00',
      'Fabrikam Dental Group → Fabrikam Dentl Grp.  0.91 = spelling 0.91 × words 1.00',
      '["Southside Pediatrics: no-candidate","Contoso Farms: no-candidate"]',
      '0.12 0.44 0.27 ["consulting"] ["farms"]',
      '1 kaur holdings ["grastam realty","kaur holdings"]',
    ]);
  });
});
