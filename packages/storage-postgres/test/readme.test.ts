import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseUrl, uniqueSchema } from './support/databases';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README example', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is the same code as test/readme-example.ts', () => {
    expect(read('../README.md')).toContain(read('./readme-example.ts').trim());
  });

  const targets: [string, string | undefined][] = [['PGlite', undefined], ...(databaseUrl ? [['a pg Pool on the server', databaseUrl] as [string, string]] : [])];
  it.each(targets)('runs on %s', async (_name, url) => {
    const schema = uniqueSchema();
    vi.stubEnv('DATABASE_URL', url);
    vi.stubEnv('PAX8_SYNC_SCHEMA', schema);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { summary } = await import('./readme-example');
      expect(summary).toMatchObject({ outcome: 'succeeded', stored: 25 });
      expect(summary.created).toBeGreaterThanOrEqual(25);
    } finally {
      if (url) {
        const pg = (await import('pg')).default;
        const pool = new pg.Pool({ connectionString: url });
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.end();
      }
    }
  });
});
