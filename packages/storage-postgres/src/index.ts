/**
 * @pax8-sync/storage-postgres — see README.md. (Scaffold: the package's exports land here.)
 * @packageDocumentation
 */

/** The package's name, as published. */
export const packageName = '@pax8-sync/storage-postgres';
