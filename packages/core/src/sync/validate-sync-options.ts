import { Pax8SyncConfigError } from '../errors/config-error';
import type { SyncSubscriptionsOptions } from './sync-types';

/** The numeric sync options, resolved with their defaults. @internal */
export interface ResolvedSyncOptions {
  pageSize: number;
  prefetch: number;
  lockTtlMs: number;
  massDeletionThreshold: number;
}

const isInt = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** The tuning options a sync (or `createSyncEngine`'s `syncDefaults`) may carry. @internal */
export type SyncTuning = Partial<Pick<SyncSubscriptionsOptions, 'pageSize' | 'prefetch' | 'lockTtlMs' | 'massDeletionThreshold' | 'perCompanyMaxCompanies' | 'onProgress' | 'dryRun' | 'statusMapping'>>;

/**
 * Checks the tuning options; `prefix` names where they came from (`syncDefaults.`). Throws
 * `Pax8SyncConfigError` naming the field. @internal
 */
export function validateSyncTuning(options: SyncTuning, prefix = ''): ResolvedSyncOptions {
  const fail = (field: string, fix: string): never => {
    throw new Pax8SyncConfigError(`${prefix}${field}`, fix);
  };
  const resolved: ResolvedSyncOptions = {
    pageSize: options.pageSize ?? 200,
    prefetch: options.prefetch ?? 4,
    lockTtlMs: options.lockTtlMs ?? 600_000,
    massDeletionThreshold: options.massDeletionThreshold ?? 0.5,
  };
  if (typeof resolved.massDeletionThreshold !== 'number' || !(resolved.massDeletionThreshold >= 0 && resolved.massDeletionThreshold <= 1)) {
    fail('massDeletionThreshold', 'must be a share from 0 to 1 (0.5 = at most half of the active rows); pass e.g. 0.5, or omit it for the default.');
  }
  if (!isInt(resolved.pageSize, 1, 200)) fail('pageSize', 'must be a whole number from 1 to 200 (the Pax8 maximum); pass e.g. 200, or omit it.');
  if (!isInt(resolved.prefetch, 1, 64)) fail('prefetch', 'must be a whole number from 1 to 64; pass e.g. 4, or omit it.');
  if (typeof resolved.lockTtlMs !== 'number' || !Number.isFinite(resolved.lockTtlMs) || resolved.lockTtlMs < 1) {
    fail('lockTtlMs', 'must be a finite number of milliseconds above 0; pass e.g. 600000 (10 minutes), or omit it.');
  }
  if (options.perCompanyMaxCompanies !== undefined && !isInt(options.perCompanyMaxCompanies, 0)) {
    fail('perCompanyMaxCompanies', 'must be a whole number, 0 or more; pass e.g. 10, or omit it.');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') fail('onProgress', 'must be a function (event) => void; pass one, or omit it.');
  if (options.dryRun !== undefined && typeof options.dryRun !== 'boolean') fail('dryRun', 'must be true or false; pass true for a plan without writes, or omit it.');
  if (options.statusMapping !== undefined && (typeof options.statusMapping !== 'object' || options.statusMapping === null)) {
    fail('statusMapping', 'must be an object of @pax8-sync/status settings; pass e.g. { overrides: { Trial: "inactive" } }, or omit it.');
  }
  return resolved;
}

/**
 * Checks the options of a sync before it touches storage or Pax8, so a typo cannot, say, switch the
 * mass-deletion breaker off (`NaN` compares false). Throws `Pax8SyncConfigError` naming the field. @internal
 */
export function validateSyncOptions(options: SyncSubscriptionsOptions): ResolvedSyncOptions {
  if (typeof options.connectionId !== 'string' || options.connectionId === '') {
    throw new Pax8SyncConfigError('connectionId', 'is required: pass the id returned by createConnection.');
  }
  return validateSyncTuning(options);
}
