/** The Pax8 entities the engine syncs; each has its own lease lock, runs and checkpoint. */
export type Pax8SyncEntity = 'companies' | 'products' | 'subscriptions' | 'invoices';

/** Every entity, in the order a first sync should run them. */
export const pax8SyncEntities: readonly Pax8SyncEntity[] = ['companies', 'products', 'subscriptions'];

/** Where a connection points: Pax8 has no sandbox, so `Sandbox` means "never change anything in Pax8". */
export type Pax8Environment = 'Production' | 'Sandbox';
