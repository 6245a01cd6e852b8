import { companySpec, productSpec, subscriptionSpec } from './entity-specs';
import { everything, mappedCompaniesScope } from './pull-scope';
import { runSync } from './run-sync';
import type { SyncOptions, SyncResult, SyncSkipped, SyncSubscriptionsOptions } from './sync-types';

/** Syncs the connection's Pax8 companies into storage (new companies show up as unmapped). */
export function syncCompanies(options: SyncOptions): Promise<SyncResult> {
  return runSync(companySpec, options, async () => everything);
}

/** Syncs the Pax8 product catalogue into storage. */
export function syncProducts(options: SyncOptions): Promise<SyncResult> {
  return runSync(productSpec, options, async () => everything);
}

/**
 * Syncs the subscriptions of Pax8 companies with a confirmed mapping (pending or rejected ones do not
 * count); subscriptions of other companies are neither stored nor removed. A company unmapped after a
 * sync keeps its stored subscriptions frozen (not updated, not removed, no events) until mapped again.
 * With no confirmed mapping at all it runs nothing and returns `{ outcome: 'skipped', reason:
 * 'no-mapped-companies' }` (see {@link SyncSkipped}).
 */
export function syncSubscriptions(options: SyncSubscriptionsOptions): Promise<SyncResult> {
  const confirmed = async () => (await options.storage.mappings.list(options.connectionId, { state: 'confirmed' })).map((m) => m.pax8CompanyId);
  const preflight = async (): Promise<SyncSkipped | undefined> => {
    if ((await confirmed()).length > 0) return undefined;
    return {
      outcome: 'skipped',
      connectionId: options.connectionId,
      entity: 'subscriptions',
      reason: 'no-mapped-companies',
      message: 'No company is mapped yet, so there are no subscriptions to sync: map at least one company first (suggestMappings then confirmMappings, or setMapping), then sync again.',
    };
  };
  return runSync(subscriptionSpec(options.statusMapping), options, async (resume) => mappedCompaniesScope(await confirmed(), options.perCompanyMaxCompanies ?? 10, resume), preflight);
}
