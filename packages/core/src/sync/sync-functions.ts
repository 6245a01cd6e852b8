import { companySpec, productSpec, subscriptionSpec } from './entity-specs';
import { everything, mappedCompaniesScope } from './pull-scope';
import { runSync } from './run-sync';
import type { SyncOptions, SyncResult, SyncSubscriptionsOptions } from './sync-types';

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
 */
export function syncSubscriptions(options: SyncSubscriptionsOptions): Promise<SyncResult> {
  return runSync(subscriptionSpec(options.statusMapping), options, async (resume) => {
    const mapped = (await options.storage.mappings.list(options.connectionId, { state: 'confirmed' })).map((m) => m.pax8CompanyId);
    return mappedCompaniesScope(mapped, options.perCompanyMaxCompanies ?? 10, resume);
  });
}
