import { loadMigrations } from '@pax8-sync/storage-postgres';
import type { TestDatabase } from './databases';

/** A schema at `version`, as an earlier release's migrate() left it (the same SQL and records). */
export async function schemaAtVersion(db: TestDatabase, schema: string, version: number): Promise<void> {
  const older = (await loadMigrations()).filter((m) => m.version <= version);
  await db.script(
    `CREATE SCHEMA "${schema}";
     CREATE TABLE "${schema}".migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (const m of older) {
    // One script per migration, in a transaction so the search_path does not stay on a pooled connection.
    await db.script(`BEGIN; SET LOCAL search_path TO "${schema}"; ${m.sql}\n; COMMIT;`);
    await db.query(`INSERT INTO "${schema}".migrations (version, name, checksum) VALUES ($1, $2, $3)`, [m.version, m.name, m.checksum]);
  }
}
