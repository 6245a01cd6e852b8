import { Pax8ApiError } from '@pax8-sync/client';
import { createStatusMapper, type StatusMapperSettings } from '@pax8-sync/status';
import type { Pax8ListParams, Pax8PageLike, Pax8ReadResource, Pax8SyncClient } from '../engine/client-port';
import type { Pax8SyncEntity } from '../storage/entity';
import { stableStringify } from '../engine/content-hash';
import type { JsonObject, JsonValue } from '../storage/json';
import type { CompanyRecord, ProductRecord, RecordStore, SubscriptionRecord, SyncedRecordBase } from '../storage/records';
import type { Pax8SyncStores } from '../storage/storage';

/** The columns of a row beyond the common ones, or why the record cannot be stored. @internal */
export type ColumnsResult<R extends SyncedRecordBase> =
  | { ok: true; columns: Omit<R, keyof SyncedRecordBase> }
  | { ok: false; reason: string; issues: { path: string; message: string }[] };

/** How one entity is pulled and stored. @internal */
export interface EntitySpec<R extends SyncedRecordBase> {
  entity: Pax8SyncEntity;
  store(stores: Pax8SyncStores): RecordStore<R>;
  list(client: Pax8SyncClient, params: Pax8ListParams): Promise<Pax8PageLike>;
  /** Whether Pax8 still has the record (asked before marking it removed; `false` only on a 404). */
  exists(client: Pax8SyncClient, id: string): Promise<boolean>;
  columns(data: JsonObject): ColumnsResult<R>;
  /**
   * What, besides a record's content, decides the row stored for it (the settings `columns` reads),
   * as text: pages may be marked and skipped when unchanged (see `page-marks.ts`) only for specs
   * that have one. `undefined`: never skipped.
   */
  markKey?: string;
}

/** Asks one resource for a record: `false` when Pax8 answers 404, `true` when it answers it; other failures go up. @internal */
export const existsIn = async (resource: Pick<Pax8ReadResource, 'get'>, id: string): Promise<boolean> => {
  try {
    await resource.get(id);
    return true;
  } catch (error) {
    if (Pax8ApiError.isInstance(error) && error.status === 404) return false;
    throw error;
  }
};

/** A non-empty string field, or `undefined`. @internal */
export const str = (data: JsonObject, key: string): string | undefined => {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
/** The columns result of a record missing a field. @internal */
export const missing = (path: string, message: string) => ({ ok: false as const, reason: `${path}: ${message}`, issues: [{ path, message }] });

/** Companies. @internal */
export const companySpec: EntitySpec<CompanyRecord> = {
  entity: 'companies',
  markKey: 'companies',
  store: (s) => s.companies,
  list: (client, params) => client.companies.list(params),
  exists: (client, id) => existsIn(client.companies, id),
  columns(data) {
    const name = str(data, 'name');
    if (name === undefined) return missing('name', 'a company needs a name');
    return { ok: true, columns: { name, status: str(data, 'status') ?? '' } };
  },
};

/** Products. @internal */
export const productSpec: EntitySpec<ProductRecord> = {
  entity: 'products',
  markKey: 'products',
  store: (s) => s.products,
  list: (client, params) => client.products.list(params),
  exists: (client, id) => existsIn(client.products, id),
  columns(data) {
    const name = str(data, 'name');
    if (name === undefined) return missing('name', 'a product needs a name');
    return { ok: true, columns: { name, vendorName: str(data, 'vendorName') ?? '' } };
  },
};

/**
 * What a subscription row's mapped state depends on, as text: the status table in effect (its version
 * and every status's state, built-in table and overrides together, so a release that remaps a status
 * diffs every page again), the overrides and the unknown-status policy. None with an `onUnknownStatus`
 * callback: a skipped page would not call it, so such a sync diffs every page.
 */
function subscriptionMarkKey(settings: StatusMapperSettings, mapper: ReturnType<typeof createStatusMapper>): string | undefined {
  if (settings.onUnknownStatus) return undefined;
  const { version, entries } = mapper.subscriptionTable;
  const table = entries.map((e) => [e.status, e.state]);
  const { subscriptionOverrides = {}, unknownStatusPolicy = null } = settings;
  return `subscriptions:${stableStringify({ version, table, subscriptionOverrides, unknownStatusPolicy } as JsonValue)}`;
}

/** Subscriptions; the status is mapped to the PSA state with the connection's status settings. @internal */
export function subscriptionSpec(statusSettings: StatusMapperSettings = {}): EntitySpec<SubscriptionRecord> {
  const mapper = createStatusMapper(statusSettings);
  // A handful of distinct statuses across a whole pull: map each once.
  const mapped = new Map<string, string>();
  const mappedState = (status: string) => {
    let state = mapped.get(status);
    if (state === undefined) {
      state = mapper.mapSubscriptionStatus(status).state;
      mapped.set(status, state);
    }
    return state;
  };
  return {
    entity: 'subscriptions',
    markKey: subscriptionMarkKey(statusSettings, mapper),
    store: (s) => s.subscriptions,
    list: (client, params) => client.subscriptions.list(params),
    exists: (client, id) => existsIn(client.subscriptions, id),
    columns(data) {
      const companyId = str(data, 'companyId');
      if (companyId === undefined) return missing('companyId', 'a subscription needs its company id');
      const productId = str(data, 'productId');
      if (productId === undefined) return missing('productId', 'a subscription needs its product id');
      const quantity = data.quantity;
      if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return missing('quantity', 'a subscription needs a numeric quantity');
      const status = str(data, 'status') ?? '';
      return { ok: true, columns: { companyId, productId, status, mappedState: mappedState(status), quantity } };
    },
  };
}
