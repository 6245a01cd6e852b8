import { Pax8SyncConfigError } from '@pax8-sync/core';

/** The schema the adapter uses when none is given. */
export const defaultSchema = 'pax8_sync';

/**
 * Validates the `schema` option and returns it quoted for SQL. Only plain identifiers are accepted
 * (letters, digits, `_`; at most 63 bytes; not `pg_*`), and the result is quoted anyway, so a schema
 * name can never carry SQL. @internal
 */
export function quoteSchema(schema: unknown): string {
  if (typeof schema !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema) || /^pg_/i.test(schema)) {
    throw new Pax8SyncConfigError(
      'schema',
      `must be a plain identifier: a letter or _ then letters, digits or _, at most 63 characters, not starting with pg_ (got ${JSON.stringify(
        typeof schema === 'string' ? schema.slice(0, 80) : typeof schema,
      )}). Use e.g. "pax8_sync".`,
    );
  }
  return `"${schema.replace(/"/g, '""')}"`;
}
