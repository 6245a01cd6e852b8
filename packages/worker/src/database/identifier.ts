import { Pax8SyncConfigError } from '@pax8-sync/core';

/**
 * Validates a schema option and returns it quoted for SQL. Only plain identifiers are accepted, and
 * the result is quoted anyway, so an option can never carry SQL. @internal
 * @param field - the option's name, for the error.
 * @param value - the schema name.
 */
export function quoteIdentifier(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value) || /^pg_/i.test(value)) {
    throw new Pax8SyncConfigError(
      field,
      `must be a plain identifier: a letter or _ then letters, digits or _, at most 63 characters, not starting with pg_ (got ${JSON.stringify(
        typeof value === 'string' ? value.slice(0, 80) : typeof value,
      )}).`,
    );
  }
  return `"${value}"`;
}
