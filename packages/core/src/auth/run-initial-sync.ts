import { syncCompanies, syncProducts } from '../sync/sync-functions';
import type { SyncOptions, SyncResult } from '../sync/sync-types';

/** What the first sync after connecting did. */
export interface InitialSyncResult {
  /** The company sync (new companies show up unmapped, ready for Quick Match). */
  companies: SyncResult;
  /** The product catalogue sync. */
  products: SyncResult;
}

/**
 * The first sync after "Connect to Pax8", as the seed's wizard runs it: companies, then products.
 * Subscriptions follow once companies are mapped. Each result is typed as its sync's; a delegated
 * connection that needs a new consent throws `Pax8SyncReauthorizationRequiredError`.
 * @example
 * const { companies, products } = await engine.runInitialSync({ connectionId });
 */
export async function runInitialSync(options: SyncOptions): Promise<InitialSyncResult> {
  const companies = await syncCompanies(options);
  const products = await syncProducts(options);
  return { companies, products };
}
