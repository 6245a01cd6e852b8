/**
 * @pax8-sync/storage-postgres — the reference PostgreSQL storage adapter for pax8-sync, over a `pg`
 * Pool or a PGlite instance. See README.md.
 * @packageDocumentation
 */

export type { PGliteLike, PGliteTransactionLike, PgPoolClientLike, PgPoolLike, PostgresClient, SqlResult } from './client';
export { createPostgresStorage, type PostgresStorage, type PostgresStorageOptions } from './create-postgres-storage';
export { loadMigrations, type MigrateResult, type PostgresMigration } from './migrations';
export type { ReencryptResult } from './reencrypt';
export { defaultSchema } from './schema-name';

/** The package's name, as published. */
export const packageName = '@pax8-sync/storage-postgres';
