import type { WriteContext } from '../journal';

/** Runs one store operation: under the storage mutex outside a transaction, directly inside one. */
export type Runner = <T>(op: (ctx: WriteContext) => T) => Promise<T>;
