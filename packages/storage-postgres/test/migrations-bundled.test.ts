import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { loadMigrations } from '@pax8-sync/storage-postgres';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedSource } from '../scripts/embed-migrations';
import { testKey, uniqueSchema } from './support/databases';

const packagesDir = new URL('../../', import.meta.url);

/** Resolves `@pax8-sync/<name>` to the workspace package's source, as a bundler resolves an installed package. */
const workspaceSources: Plugin = {
  name: 'pax8-sync-sources',
  setup(b) {
    b.onResolve({ filter: /^@pax8-sync\/[a-z-]+$/ }, (args) => ({ path: new URL(`${args.path.slice('@pax8-sync/'.length)}/src/index.ts`, packagesDir).pathname }));
  },
};

/** A tiny application: it creates the Postgres storage on the client it is given and migrates. */
const app = `
import { createPostgresStorage } from '@pax8-sync/storage-postgres';
export async function run(client, encryptionKey, schema) {
  const storage = createPostgresStorage({ client, encryptionKey, schema });
  return storage.migrate();
}
`;

describe('migrations are embedded in the code', () => {
  it('src/shipped-migrations.ts is what scripts/embed-migrations.ts writes from migrations/*.sql (run `pnpm --filter @pax8-sync/storage-postgres migrations:embed` after editing one)', async () => {
    expect(readFileSync(new URL('../src/shipped-migrations.ts', import.meta.url), 'utf8')).toBe(embeddedSource());
    const files = readdirSync(new URL('../migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).sort();
    const migrations = await loadMigrations();
    expect(migrations.map((m) => m.sql)).toEqual(files.map((f) => readFileSync(new URL(`../migrations/${f}`, import.meta.url), 'utf8')));
  });
});

describe('migrate() from a bundled application (esbuild, in a folder with no migrations/ beside it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pax8-sync-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['esm', 'cjs'] as const)('%s bundle: migrate() applies the schema on PGlite', async (format) => {
    writeFileSync(join(dir, 'app.ts'), app);
    const outfile = join(dir, format === 'esm' ? 'app.mjs' : 'app.cjs');
    await build({ entryPoints: [join(dir, 'app.ts')], bundle: true, platform: 'node', format, target: 'node20', outfile, plugins: [workspaceSources], logLevel: 'silent' });
    expect(readdirSync(dir).sort()).toEqual(format === 'esm' ? ['app.mjs', 'app.ts'] : ['app.cjs', 'app.mjs', 'app.ts']);
    const bundled = (format === 'esm' ? await import(pathToFileURL(outfile).href) : createRequire(import.meta.url)(outfile)) as {
      run: (client: PGlite, key: Uint8Array, schema: string) => Promise<{ applied: { version: number; name: string }[]; version: number }>;
    };
    const db = new PGlite();
    try {
      const schema = uniqueSchema();
      expect(await bundled.run(db, testKey, schema)).toEqual({ applied: [{ version: 1, name: 'initial' }, { version: 2, name: 'seen_pages' }, { version: 3, name: 'delegated_authorization' }, { version: 4, name: 'write_back_and_webhooks' }, { version: 5, name: 'billing' }, { version: 6, name: 'page_marks' }, { version: 7, name: 'hot_updates' }], version: 7 });
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1', [schema]);
      expect(rows[0]?.n).toBeGreaterThan(10);
      expect(await bundled.run(db, testKey, schema)).toEqual({ applied: [], version: 7 });
    } finally {
      await db.close();
    }
  });
});
