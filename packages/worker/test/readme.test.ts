import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PgliteServer, servePglite } from './support/pglite-server';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

// The example uses the default schema names, so it gets a database of its own: an embedded one.
let db: PGlite;
let server: PgliteServer;
beforeAll(async () => {
  db = await PGlite.create();
  server = await servePglite(db);
  vi.stubEnv('DATABASE_URL', server.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
  await db.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('README example', () => {
  it('is the same code as test/readme-example.ts', () => {
    expect(read('../README.md')).toContain(read('./readme-example.ts').trim());
  });

  it('runs and prints what its comments say', async () => {
    const lines: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
    const warnings: unknown[][] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
    await import('./readme-example');
    // The worker guards the pool itself: graphile-worker finds its error listeners and has nothing to warn about.
    expect(warnings).toEqual([]);
    expect(lines[0]).toEqual(['first syncs done:', 3]);
    expect(lines[1]).toEqual([['companies', 'products', 'subscriptions']]);
    expect(lines[2]?.[0]).toBe('products synced again:');
    expect(lines[2]?.[1]).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
