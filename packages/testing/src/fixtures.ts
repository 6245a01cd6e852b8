import { generateInvoice, generateOrder } from './simulator/generate-more';
import { createGenerator, currencyOf } from './simulator/generate';
import type {
  Pax8SimCompany,
  Pax8SimContact,
  Pax8SimInvoice,
  Pax8SimOrder,
  Pax8SimProduct,
  Pax8SimSubscription,
} from './simulator/records';

/** Factories of single Pax8 records, shaped exactly as Pax8 sends them; each call makes a new record. */
export interface Pax8Fixtures {
  /** A company (Active unless overridden). */
  company(overrides?: Partial<Pax8SimCompany>): Pax8SimCompany;
  /** A contact. */
  contact(overrides?: Partial<Pax8SimContact>): Pax8SimContact;
  /** A product. */
  product(overrides?: Partial<Pax8SimProduct>): Pax8SimProduct;
  /** A subscription (Active, Monthly unless overridden). */
  subscription(overrides?: Partial<Pax8SimSubscription>): Pax8SimSubscription;
  /** An order. */
  order(overrides?: Partial<Pax8SimOrder>): Pax8SimOrder;
  /** A partner invoice. */
  invoice(overrides?: Partial<Pax8SimInvoice>): Pax8SimInvoice;
}

/** Creates fixture factories from a seed; the same seed and call order give the same records. */
export function createPax8Fixtures(seed = 1): Pax8Fixtures {
  const gen = createGenerator(seed, Date.parse('2026-06-01T00:00:00Z'), { companies: 1, products: 1 });
  const counters = new Map<string, number>();
  const next = (kind: string): number => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return n;
  };
  const company = (overrides: Partial<Pax8SimCompany> = {}): Pax8SimCompany => ({ ...gen.company(next('company') + 3), status: 'Active', ...structuredClone(overrides) });
  const product = (overrides: Partial<Pax8SimProduct> = {}): Pax8SimProduct => ({ ...gen.product(next('product')), ...structuredClone(overrides) });
  const subscription = (overrides: Partial<Pax8SimSubscription> = {}): Pax8SimSubscription => {
    const index = next('subscription');
    const owner = gen.company(index + 3);
    const item = gen.product(index);
    const traits = gen.productTraits(item, index);
    const record = gen.subscription(index + 1000, [0, 0, 0, 0], { company: owner, product: item, traits, currency: currencyOf(owner) });
    return { ...record, ...structuredClone(overrides) };
  };
  return {
    company,
    contact: (overrides = {}) => {
      const owner = gen.company(3);
      const [first] = gen.contacts(owner, next('contact') + 3);
      return { ...(first as Pax8SimContact), ...structuredClone(overrides) };
    },
    product,
    subscription,
    order: (overrides = {}) => {
      const index = next('order');
      return { ...generateOrder(gen, index, subscription()), ...structuredClone(overrides) };
    },
    invoice: (overrides = {}) => ({ ...generateInvoice(gen, next('invoice'), 12, (k) => gen.company(k), 1), ...structuredClone(overrides) }),
  };
}

/** Default fixture factories (seed 1). */
export const pax8Fixtures: Pax8Fixtures = createPax8Fixtures();
