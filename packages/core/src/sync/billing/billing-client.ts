import type { Pax8BillingReads, Pax8SyncClient } from '../../engine/client-port';
import { Pax8SyncConfigError } from '../../errors/config-error';
import type { BillingStores } from '../../storage/billing';
import type { Pax8SyncStores } from '../../storage/storage';

/** The client's billing reads; a custom `createClient` whose clients lack them is refused, naming the fix. @internal */
export function billingReads(client: Pax8SyncClient): Pax8BillingReads {
  const { invoices, usage } = client;
  if (!invoices || !usage) throw new Pax8SyncConfigError('createClient', 'the clients it makes have no `invoices` and `usage` resources, which syncInvoices reads: return a Pax8Client (createPax8Client) or add them.');
  return { invoices, usage };
}

/** The billing stores of a storage that declared `billing` (checked before any run starts). @internal */
export function billingStores(stores: Pax8SyncStores): BillingStores {
  if (!stores.billing) throw new Pax8SyncConfigError('storage', 'has no billing stores: use an adapter declaring capabilities.billing.');
  return stores.billing;
}
