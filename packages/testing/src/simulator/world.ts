import { LazyCollection } from './collection';
import { addMonths, formatDate, formatOffset, parsePax8Date } from './dates';
import { TERM_MONTHS } from './order-rules';
import { Billing } from './billing';
import { ChangeFeed } from './world-events';
import { Pax8SimulatorError } from './errors';
import type { ResolvedOptions } from './options';
import { createGenerator, currencyOf, type Generator, type ProductTraits } from './generate';
import {
  PAX8_BILLING_TERMS,
  PAX8_SUBSCRIPTION_STATUSES,
  type Pax8SimCompany,
  type Pax8SimContact,
  type Pax8SimIdentified,
  type Pax8SimInvoice,
  type Pax8SimOrder,
  type Pax8SimProduct,
  type Pax8SimSubscription,
  type Pax8SimWebhook,
  type Pax8SimWebhookLog,
} from './records';
import { generateInvoice, generateOrder, generateWebhooks } from './generate-more';

/** How many records of each kind a world generates. */
export interface WorldSizes {
  /** Companies. */
  companies: number;
  /** Products. */
  products: number;
  /** Subscriptions. */
  subscriptions: number;
  /** Partner invoices. */
  invoices: number;
  /** Webhook registrations. */
  webhooks: number;
}

/** Sizes and anchors of a generated world (one account's). */
export type WorldOptions = WorldSizes &
  Pick<ResolvedOptions, 'seed' | 'reference' | 'now'> & {
    /** The partner account UUID its webhooks carry (default: derived from the seed). */
    accountId?: string | undefined;
  };

/** A scriptable set of records of one kind (reads return copies; writes stamp `updatedDate` where the kind has one). */
export interface Pax8WorldCollection<T extends Pax8SimIdentified> {
  /** Number of records in the world. */
  readonly size: number;
  /** A copy of the record with this id, or undefined. */
  get(id: string): T | undefined;
  /** Copies of the records (in creation order), optionally filtered and limited. */
  list(options?: { filter?: (record: T) => boolean; limit?: number }): T[];
  /** Ids of the records in creation order. */
  ids(): string[];
  /** Adds a record; omitted fields are generated from the seed. Returns a copy of what was stored. */
  add(input?: Partial<Omit<T, 'id'>>): T;
  /** Changes fields of a record (throws {@link Pax8SimulatorError} when absent). Returns the new record. */
  update(id: string, patch: Partial<Omit<T, 'id'>>): T;
  /** Removes a record from the world, as if Pax8 no longer returned it. Returns the removed record. */
  remove(id: string): T;
}

/** The world a simulator serves, with the scripting API tests use between syncs. */
export interface Pax8SimulatorWorld {
  /** Seed the world was generated from. */
  readonly seed: number;
  /** Companies. */
  readonly companies: Pax8WorldCollection<Pax8SimCompany>;
  /** Products. */
  readonly products: Pax8WorldCollection<Pax8SimProduct>;
  /** Subscriptions. */
  readonly subscriptions: Pax8WorldCollection<Pax8SimSubscription>;
  /** Orders. */
  readonly orders: Pax8WorldCollection<Pax8SimOrder>;
  /** Partner invoices. */
  readonly invoices: Pax8WorldCollection<Pax8SimInvoice>;
  /** Webhook registrations. */
  readonly webhooks: Pax8WorldCollection<Pax8SimWebhook>;
  /** Copies of the contacts of a company (throws when the company is absent). */
  contacts(companyId: string): Pax8SimContact[];
}

/** A subscription query of the listing endpoint. */
export interface SubscriptionQuery {
  /** Company UUID. */
  companyId?: string;
  /** Product UUID. */
  productId?: string;
  /** Status. */
  status?: string;
  /** Billing term. */
  billingTerm?: string;
  /** `field,direction`. */
  sort?: { field: string; descending: boolean };
}

/** The world with the internals the routes need. */
export interface World {
  /** Public scripting view. */
  readonly api: Pax8SimulatorWorld;
  /** Generator. */
  readonly gen: Generator;
  /** Options. */
  readonly options: WorldOptions;
  /** Stores. */
  readonly companies: LazyCollection<Pax8SimCompany>;
  /** Products store. */
  readonly products: LazyCollection<Pax8SimProduct>;
  /** Subscriptions store. */
  readonly subscriptions: LazyCollection<Pax8SimSubscription>;
  /** Orders store. */
  readonly orders: LazyCollection<Pax8SimOrder>;
  /** Invoices store. */
  readonly invoices: LazyCollection<Pax8SimInvoice>;
  /** Webhooks store. */
  readonly webhooks: LazyCollection<Pax8SimWebhook>;
  /** Delivery logs by webhook id. */
  readonly webhookLogs: Map<string, Pax8SimWebhookLog[]>;
  /** Traits of a product record. */
  traitsOf(product: Pax8SimProduct): ProductTraits;
  /** Contacts of the company at a position (live array: routes may change it). */
  contactsAt(companyIndex: number): Pax8SimContact[];
  /** Positions of subscriptions matching a query, sorted when asked. */
  querySubscriptions(query: SubscriptionQuery): ArrayLike<number>;
  /** Positions of the subscriptions of one company, in creation order (indexed once per change of the world). */
  subscriptionsOf(companyId: string): ArrayLike<number>;
  /** The company position a subscription belongs to (-1 when not in the world). */
  subscriptionCompany(index: number): number;
  /** Change history of a subscription (newest first). */
  history(index: number): Pax8SimSubscription[];
  /** Records a change to a subscription in its history, then stores it. */
  putSubscription(index: number, record: Pax8SimSubscription): void;
  /** Current time formatted as Pax8 stamps updates. */
  stamp(): string;
  /** Positions of orders, optionally of one company. */
  ordersOf(companyId: string | undefined): ArrayLike<number>;
  /** A new id of a kind that no generated record uses (deterministic per world). */
  freshId(kind: keyof Generator['codecs']): string;
  /** The partner account UUID of this world. */
  readonly accountId: string;
  /** Where its changes are told (webhook deliveries). */
  readonly changes: ChangeFeed;
  /** Its charges: invoices, invoice items, draft items, scripted discrepancies. */
  readonly billing: Billing;
  /** A generated invoice's dates, company and currency, without adding up its items (`total` 0: do not read it). */
  invoiceHeader(index: number): Pax8SimInvoice;
}

/** Records are plain JSON data, so a plain recursive copy is enough (and far faster than structuredClone). */
function clone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = clone((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Generates the seeded world. */
export function createWorld(options: WorldOptions): World {
  const gen = createGenerator(options.seed, options.reference, { companies: options.companies, products: options.products });
  const companies = new LazyCollection<Pax8SimCompany>({ codec: gen.codecs.company, baseCount: options.companies, generate: gen.company, cache: true });
  const products = new LazyCollection<Pax8SimProduct>({ codec: gen.codecs.product, baseCount: options.products, generate: gen.product, cache: true });
  const traitCache = new Map<string, ProductTraits>();
  const traitsOf = (product: Pax8SimProduct): ProductTraits => {
    let traits = traitCache.get(product.id);
    if (!traits) {
      traits = gen.productTraits(product, products.indexOf(product.id));
      traitCache.set(product.id, traits);
    }
    return traits;
  };
  const termsOfProduct = (p: number): readonly string[] => traitsOf(products.at(p)).terms;

  const n = options.subscriptions;
  const keyCompany = new Int32Array(n);
  const keyProduct = new Int32Array(n);
  const keyStatus = new Uint8Array(n);
  const keyTerm = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [c, p, s, t] = gen.subscriptionKeys(i, termsOfProduct);
    keyCompany[i] = c;
    keyProduct[i] = p;
    keyStatus[i] = s;
    keyTerm[i] = t;
  }
  const baseSubscription = (i: number): Pax8SimSubscription => {
    const company = companies.at(keyCompany[i] as number);
    const product = products.at(keyProduct[i] as number);
    return gen.subscription(i, [keyCompany[i] as number, keyProduct[i] as number, keyStatus[i] as number, keyTerm[i] as number], {
      company,
      product,
      traits: traitsOf(product),
      currency: currencyOf(company),
    });
  };
  const subscriptions = new LazyCollection<Pax8SimSubscription>({ codec: gen.codecs.subscription, baseCount: n, generate: baseSubscription });
  const orders = new LazyCollection<Pax8SimOrder>({
    codec: gen.codecs.order,
    baseCount: n,
    generate: (i) => generateOrder(gen, i, baseSubscription(i)),
  });
  // One invoice per company and month; its total is what its items add up to (see Billing).
  const invoices = new LazyCollection<Pax8SimInvoice>({
    codec: gen.codecs.invoice,
    baseCount: options.invoices * options.companies,
    generate: (i) => generateInvoice(gen, i, options.invoices, (k) => companies.at(k), options.companies, world.billing.invoiceTotal(i)),
  });
  const accountId = options.accountId ?? gen.codecs.user.encode(0);
  const changes = new ChangeFeed();
  const seededHooks = generateWebhooks(gen, options.webhooks, accountId);
  const webhooks = new LazyCollection<Pax8SimWebhook>({
    codec: gen.codecs.webhook,
    baseCount: options.webhooks,
    generate: (i) => seededHooks.webhooks[i] as Pax8SimWebhook,
    cache: true,
  });
  const webhookLogs = seededHooks.logs;
  const contactStore = new Map<number, Pax8SimContact[]>();
  const contactsAt = (companyIndex: number): Pax8SimContact[] => {
    let list = contactStore.get(companyIndex);
    if (!list) {
      list = gen.contacts(companies.at(companyIndex), companyIndex);
      contactStore.set(companyIndex, list);
    }
    return list;
  };
  const histories = new Map<number, Pax8SimSubscription[]>();
  let headers = { version: -1, byIndex: new Map<number, Pax8SimInvoice>() };
  const stamp = (): string => formatOffset(options.now(), -360);
  const freshCounters = new Map<string, number>();
  const freshId = (kind: keyof Generator['codecs']): string => {
    const next = (freshCounters.get(kind) ?? 0) + 1;
    freshCounters.set(kind, next);
    return gen.codecs[kind].encode(0x60000000 + next);
  };

  const subscriptionCompany = (i: number): number => {
    if (subscriptions.isOverridden(i) || i >= n) return companies.indexOf(subscriptions.at(i).companyId) ?? -1;
    return keyCompany[i] as number;
  };

  let byCompany: { version: string; index: Map<number, number[]> } | undefined;
  const subscriptionsOf = (companyId: string): ArrayLike<number> => {
    const c = companies.indexOf(companyId);
    if (c === undefined) return [];
    const version = `${subscriptions.version}:${companies.version}`;
    if (byCompany?.version !== version) {
      const index = new Map<number, number[]>();
      for (const i of subscriptions.positions()) {
        const owner = subscriptionCompany(i);
        const list = index.get(owner);
        if (list) list.push(i);
        else index.set(owner, [i]);
      }
      byCompany = { version, index };
    }
    return byCompany.index.get(c) ?? [];
  };

  let sortCache: { key: string; result: Int32Array } | undefined;
  const querySubscriptions = (query: SubscriptionQuery): ArrayLike<number> => {
    const cacheKey = JSON.stringify([query, subscriptions.version, companies.version, products.version]);
    if (sortCache?.key === cacheKey) return sortCache.result;
    const all = subscriptions.positions();
    const companyIndex = query.companyId === undefined ? undefined : (companies.indexOf(query.companyId) ?? -2);
    const productIndex = query.productId === undefined ? undefined : (products.indexOf(query.productId) ?? -2);
    const statusIndex = query.status === undefined ? undefined : PAX8_SUBSCRIPTION_STATUSES.indexOf(query.status as never);
    const termIndex = query.billingTerm === undefined ? undefined : PAX8_BILLING_TERMS.indexOf(query.billingTerm as never);
    const filtered = companyIndex === undefined && productIndex === undefined && statusIndex === undefined && termIndex === undefined;
    let result: Int32Array;
    if (filtered) result = all;
    else {
      const out = new Int32Array(all.length);
      let count = 0;
      for (let k = 0; k < all.length; k++) {
        const i = all[k] as number;
        if (i >= n || subscriptions.isOverridden(i)) {
          const r = subscriptions.at(i);
          if (query.companyId !== undefined && r.companyId !== query.companyId) continue;
          if (query.productId !== undefined && r.productId !== query.productId) continue;
          if (query.status !== undefined && r.status !== query.status) continue;
          if (query.billingTerm !== undefined && r.billingTerm !== query.billingTerm) continue;
        } else {
          if (companyIndex !== undefined && keyCompany[i] !== companyIndex) continue;
          if (productIndex !== undefined && keyProduct[i] !== productIndex) continue;
          if (statusIndex !== undefined && keyStatus[i] !== statusIndex) continue;
          if (termIndex !== undefined && keyTerm[i] !== termIndex) continue;
        }
        out[count++] = i;
      }
      result = out.subarray(0, count);
    }
    if (query.sort) {
      const { field, descending } = query.sort;
      const keys = new Float64Array(result.length);
      for (let k = 0; k < result.length; k++) {
        const value = (subscriptions.at(result[k] as number) as unknown as Record<string, unknown>)[field];
        keys[k] = typeof value === 'number' ? value : typeof value === 'string' ? (parsePax8Date(value) ?? Number.NaN) : Number.NaN;
      }
      const order = Array.from(result.keys());
      order.sort((a, b) => {
        const x = keys[a] as number;
        const y = keys[b] as number;
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
        return (descending ? y - x : x - y) || a - b;
      });
      result = Int32Array.from(order, (k) => result[k] as number);
    }
    sortCache = { key: cacheKey, result };
    return result;
  };

  const history = (i: number): Pax8SimSubscription[] => histories.get(i) ?? (i < n || subscriptions.isOverridden(i) ? [subscriptions.at(i)] : []);
  const putSubscription = (i: number, record: Pax8SimSubscription): void => {
    const past = history(i);
    histories.set(i, [record, ...past]);
    subscriptions.put(i, record);
  };

  const ordersOf = (companyId: string | undefined): ArrayLike<number> => {
    const all = orders.positions();
    if (companyId === undefined) return all;
    const companyIndex = companies.indexOf(companyId) ?? -2;
    const out: number[] = [];
    for (const i of all) {
      if (i >= n || orders.isOverridden(i) ? orders.at(i).companyId === companyId : keyCompany[i] === companyIndex) out.push(i);
    }
    return out;
  };

  const world: World = {
    api: undefined as unknown as Pax8SimulatorWorld,
    gen,
    options,
    companies,
    products,
    subscriptions,
    orders,
    invoices,
    webhooks,
    webhookLogs,
    traitsOf,
    contactsAt,
    querySubscriptions,
    subscriptionsOf,
    subscriptionCompany,
    history,
    putSubscription,
    stamp,
    freshId,
    ordersOf,
    accountId,
    changes,
    billing: undefined as unknown as Billing,
    invoiceHeader: (i) => {
      if (headers.version !== companies.version) headers = { version: companies.version, byIndex: new Map() };
      let head = headers.byIndex.get(i);
      if (!head) {
        head = generateInvoice(gen, i, options.invoices, (k) => companies.at(k), options.companies, 0);
        headers.byIndex.set(i, head);
      }
      return head;
    },
  };

  const view = <T extends { id: string }>(
    name: string,
    store: LazyCollection<T>,
    build: (index: number, id: string, input: Partial<Omit<T, 'id'>>) => T,
    put: (index: number, record: T) => void = (i, r) => store.put(i, r),
  ): Pax8WorldCollection<T> => {
    const locate = (id: string, method: string): number => {
      const index = store.indexOf(id);
      if (index === undefined) throw new Pax8SimulatorError(`world.${name}.${method}`, `no ${name} record has id '${id}'; pick an id from world.${name}.ids()`);
      return index;
    };
    return {
      get size() {
        return store.size;
      },
      get: (id) => {
        const record = store.get(id);
        return record === undefined ? undefined : clone(record);
      },
      list: ({ filter, limit = Number.POSITIVE_INFINITY } = {}) => {
        const out: T[] = [];
        for (const i of store.positions()) {
          if (out.length >= limit) break;
          const record = store.at(i);
          if (!filter || filter(record)) out.push(clone(record));
        }
        return out;
      },
      ids: () => Array.from(store.positions(), (i) => store.idAt(i)),
      add: (input = {}) => {
        const { index, id } = store.reserve();
        let record: T;
        try {
          record = build(index, id, input);
        } catch (error) {
          store.release(index);
          throw error;
        }
        put(index, record);
        changes.emit(name, 'CREATED', record);
        return clone(record);
      },
      update: (id, patch) => {
        const index = locate(id, 'update');
        const current = store.at(index);
        const next = { ...clone(current), ...clone(patch), id } as T;
        if ('updatedDate' in current || name === 'companies' || name === 'subscriptions') {
          if (!('updatedDate' in patch)) (next as Record<string, unknown>).updatedDate = stamp();
        }
        if ('updatedAt' in current && !('updatedAt' in patch)) (next as Record<string, unknown>).updatedAt = new Date(options.now()).toISOString();
        put(index, next);
        changes.emit(name, 'UPDATED', next);
        return clone(next);
      },
      remove: (id) => {
        const index = locate(id, 'remove');
        const record = clone(store.at(index));
        store.remove(index);
        changes.emit(name, 'DELETED', record);
        return record;
      },
    };
  };

  const firstActiveCompany = (): Pax8SimCompany => {
    for (const i of companies.positions()) {
      const c = companies.at(i);
      if (c.status === 'Active') return c;
    }
    throw new Pax8SimulatorError('world.subscriptions.add', 'the world has no Active company; pass companyId');
  };

  const api: Pax8SimulatorWorld = {
    seed: options.seed,
    companies: view('companies', companies, (index, id, input) => ({
      ...gen.company(index),
      status: 'Active',
      ...clone(input),
      id,
      updatedDate: input.updatedDate ?? stamp(),
    })),
    products: view('products', products, (index, id, input) => ({ ...gen.product(index), ...clone(input), id })),
    subscriptions: view(
      'subscriptions',
      subscriptions,
      (index, id, input) => {
        const company = input.companyId === undefined ? firstActiveCompany() : companies.get(input.companyId);
        if (!company) throw new Pax8SimulatorError('world.subscriptions.add', `companyId '${input.companyId}' is not in the world`);
        const productIndex = input.productId === undefined ? 0 : products.indexOf(input.productId);
        if (productIndex === undefined) throw new Pax8SimulatorError('world.subscriptions.add', `productId '${input.productId}' is not in the world`);
        const product = products.at(productIndex);
        const traits = traitsOf(product);
        const term = Math.max(0, PAX8_BILLING_TERMS.indexOf((input.billingTerm ?? traits.terms[0] ?? 'Monthly') as never));
        const base = gen.subscription(index, [0, productIndex, 0, term], { company, product, traits, currency: currencyOf(company) });
        const now = options.now();
        // A new subscription's commitment runs from its own start (now unless given), not the generated one,
        // so scripting the same world twice gives the same records.
        const start = (input.startDate !== undefined ? parsePax8Date(input.startDate) : undefined) ?? now;
        if (base.commitment) base.commitment = { ...base.commitment, endDate: formatOffset(addMonths(start, TERM_MONTHS[base.commitment.term] ?? 1), -360) };
        return {
          ...base,
          startDate: formatOffset(now, -360),
          createdDate: formatOffset(now, -360),
          updatedDate: formatOffset(now, -360),
          billingStart: formatDate(now),
          ...clone(input),
          id,
        };
      },
      putSubscription,
    ),
    orders: view('orders', orders, (index, id, input) => ({ ...generateOrder(gen, index, undefined), ...clone(input), id })),
    invoices: view('invoices', invoices, (index, id, input) => ({
      ...generateInvoice(gen, index, options.invoices, (k) => companies.at(k), options.companies, 0),
      ...clone(input),
      id,
    })),
    webhooks: view('webhooks', webhooks, (_index, id, input) => ({
      accountId,
      displayName: 'Scripted webhook',
      active: false,
      errorThreshold: 3,
      webhookTopics: [],
      createdAt: new Date(options.now()).toISOString(),
      updatedAt: new Date(options.now()).toISOString(),
      ...clone(input),
      id,
    })),
    contacts: (companyId) => {
      const index = companies.indexOf(companyId);
      if (index === undefined) throw new Pax8SimulatorError('world.contacts', `no company has id '${companyId}'`);
      return clone(contactsAt(index));
    },
  };
  (world as { api: Pax8SimulatorWorld }).api = api;
  (world as { billing: Billing }).billing = new Billing(world);
  return world;
}
