import {
  COMPANY_SUFFIXES,
  COMPANY_TRADES,
  COMPANY_WORDS,
  EDITIONS,
  FIRST_NAMES,
  LAST_NAMES,
  PLACES,
  STREETS,
  VENDORS,
} from './catalog';
import { addDays, addMonths, DAY, formatDate, formatOffset, formatZulu } from './dates';
import { createIdCodec, type IdCodec } from './ids';
import { createRandom, hash32, hashString, pickWeighted, type Random } from './random';
import {
  PAX8_BILLING_TERMS,
  PAX8_SUBSCRIPTION_STATUSES,
  type Pax8SimCommitmentTerm,
  type Pax8SimCompany,
  type Pax8SimContact,
  type Pax8SimPricing,
  type Pax8SimProduct,
  type Pax8SimSubscription,
} from './records';

const LINES = VENDORS.flatMap((vendor) => vendor.lines.map((line) => ({ vendor: vendor.name, line })));
const STATUS_WEIGHTS = [72, 8, 2, 3, 3, 2, 3, 2, 2, 3] as const;
const OFFSETS = [-360, -420, -300] as const;
const TERM_MONTHS: Record<string, number> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36 };
const TERM_FACTOR: Record<string, number> = { Monthly: 1.2, Annual: 12, '2-Year': 24, '3-Year': 36, 'One-Time': 40, Trial: 0, Activation: 25 };

/** What the generator knows about a product beyond its wire record. */
export interface ProductTraits {
  /** Unit of measure. */
  unit: string;
  /** Base monthly partner price. */
  monthlyPrice: number;
  /** Billed by usage (has usage summaries). */
  usage: boolean;
  /** Billing terms offered. */
  terms: string[];
  /** Commitment terms offered (by billing term). */
  commitments: Pax8SimCommitmentTerm[];
}

/** Seed-derived generators of every record kind. */
export interface Generator {
  /** Seed of the world. */
  readonly seed: number;
  /** Anchor time of generated dates. */
  readonly reference: number;
  /** Id codecs by kind. */
  readonly codecs: Record<
    'company' | 'contact' | 'product' | 'subscription' | 'commitment' | 'order' | 'lineItem' | 'invoice' | 'invoiceItem' | 'draftItem' | 'usageSummary' | 'webhook' | 'webhookTopic' | 'webhookLog' | 'webhookCall' | 'user' | 'token',
    IdCodec
  >;
  /** A seeded random source for one record. */
  random(kind: string, index: number): Random;
  /** Company at a position. */
  company(index: number): Pax8SimCompany;
  /** Contacts generated for a company. */
  contacts(company: Pax8SimCompany, index: number): Pax8SimContact[];
  /** Product at a position. */
  product(index: number): Pax8SimProduct;
  /** Traits of a product (derived from the id for scripted products). */
  productTraits(product: Pax8SimProduct, index: number | undefined): ProductTraits;
  /** Pricing entries of a product. */
  pricing(product: Pax8SimProduct, traits: ProductTraits): Pax8SimPricing[];
  /** The key fields of a generated subscription: company, product, status and term positions. */
  subscriptionKeys(index: number, productTerms: (product: number) => readonly string[]): [company: number, product: number, status: number, term: number];
  /** The full subscription, given its keys. */
  subscription(index: number, keys: readonly [number, number, number, number], ctx: SubscriptionContext): Pax8SimSubscription;
}

/** What a subscription's generation needs from the rest of the world. */
export interface SubscriptionContext {
  /** The company record. */
  company: Pax8SimCompany;
  /** The product record. */
  product: Pax8SimProduct;
  /** Its traits. */
  traits: ProductTraits;
  /** The currency of the company. */
  currency: string;
}

/** Currency of a company, from its country. */
export function currencyOf(company: Pax8SimCompany): string {
  const place = PLACES.find((p) => p.at(0) === company.address.country);
  return place ? place[4] : 'USD';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Creates the generator of a seeded world. */
export function createGenerator(seed: number, reference: number, counts: { companies: number; products: number }): Generator {
  const codec = (kind: string): IdCodec => createIdCodec(seed, kind);
  const codecs: Generator['codecs'] = {
    company: codec('company'),
    contact: codec('contact'),
    product: codec('product'),
    subscription: codec('subscription'),
    commitment: codec('commitment'),
    order: codec('order'),
    lineItem: codec('lineItem'),
    invoice: codec('invoice'),
    invoiceItem: codec('invoiceItem'),
    draftItem: codec('draftItem'),
    usageSummary: codec('usageSummary'),
    webhook: codec('webhook'),
    webhookTopic: codec('webhookTopic'),
    webhookLog: codec('webhookLog'),
    webhookCall: codec('webhookCall'),
    user: codec('user'),
    token: codec('token'),
  };
  const kindHashes = new Map<string, number>();
  const random = (kind: string, index: number): Random => {
    let kindHash = kindHashes.get(kind);
    if (kindHash === undefined) {
      kindHash = hashString(kind);
      kindHashes.set(kind, kindHash);
    }
    return createRandom(hash32(seed, kindHash, index));
  };
  const dateTime = (rng: Random, epoch: number): string => {
    const u = rng.next();
    if (u < 0.55) return formatOffset(epoch, rng.pick(OFFSETS));
    if (u < 0.85) return formatZulu(epoch, true);
    return formatZulu(epoch);
  };

  const company = (index: number): Pax8SimCompany => {
    const rng = random('company', index);
    const place = rng.pick(PLACES);
    const word = COMPANY_WORDS[index % COMPANY_WORDS.length] as string;
    const trade = COMPANY_TRADES[Math.floor(index / COMPANY_WORDS.length) % COMPANY_TRADES.length] as string;
    const round = Math.floor(index / (COMPANY_WORDS.length * COMPANY_TRADES.length));
    const base = `${word} ${trade}${round > 0 ? ` ${round + 1}` : ''}`;
    const name = `${rng.chance(0.08) ? base.toUpperCase() : base}${rng.pick(COMPANY_SUFFIXES)}`;
    const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const status = index === 1 ? 'Inactive' : index === 2 ? 'Deleted' : pickWeighted(rng.next(), [['Active', 90], ['Inactive', 6], ['Deleted', 4]] as const);
    const updated = reference - rng.int(1, 900) * DAY - rng.int(0, 86_399_000);
    const record: Pax8SimCompany = {
      id: codecs.company.encode(index),
      name,
      address: {
        street: `${rng.int(100, 99999)} ${rng.pick(STREETS)}`,
        city: place[1],
        stateOrProvince: place[2],
        postalCode: `${place[3]}${rng.int(10, 99)}`,
        country: place[0],
      },
      phone: `${rng.int(200, 999)}-${rng.int(200, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`,
      website: `${slug}.com`,
      billOnBehalfOfEnabled: rng.chance(0.3),
      selfServiceAllowed: rng.chance(0.5),
      orderApprovalRequired: rng.chance(0.4),
      status,
      updatedDate: formatOffset(updated, rng.pick(OFFSETS)),
    };
    if (rng.chance(0.6)) record.externalId = `PSA-${10000 + index}`;
    if (rng.chance(0.15)) record.address.street2 = `Ste. ${rng.int(100, 999)}`;
    return record;
  };

  const contacts = (owner: Pax8SimCompany, index: number): Pax8SimContact[] => {
    if (owner.status === 'Inactive') return [];
    const rng = random('contacts', index);
    const count = rng.int(1, 3);
    const out: Pax8SimContact[] = [];
    for (let k = 0; k < count; k++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      out.push({
        id: codecs.contact.encode(index * 8 + k),
        firstName: first,
        lastName: last,
        email: `${`${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '')}@${owner.website ?? 'example.com'}`,
        phone: owner.phone ?? '555-555-5555',
        createdDate: formatDate(reference - rng.int(30, 1500) * DAY),
        types:
          k === 0
            ? [
                { type: 'Admin', primary: true },
                { type: 'Billing', primary: true },
                { type: 'Technical', primary: true },
              ]
            : [{ type: rng.pick(['Admin', 'Billing', 'Technical'] as const), primary: false }],
      });
    }
    return out;
  };

  const product = (index: number): Pax8SimProduct => {
    const entry = LINES[index % LINES.length] as (typeof LINES)[number];
    const cycle = Math.floor(index / LINES.length);
    const edition = EDITIONS[cycle % EDITIONS.length] as string;
    const generation = Math.floor(cycle / EDITIONS.length);
    const rng = random('product', index);
    const name = `${entry.line[0]}${edition}${generation > 0 ? ` v${generation + 1}` : ''}`;
    return {
      id: codecs.product.encode(index),
      name,
      vendorName: entry.vendor,
      shortDescription: `${name} from ${entry.vendor}`,
      description: `${name}: ${entry.vendor} ${entry.line[3] ? 'usage-billed service' : `licensed per ${entry.line[1].toLowerCase()}`}, resold through Pax8.`,
      sku: `PAX-${String(100 + (index % 900)).padStart(3, '0')}-${rng.hex(4)}-${rng.int(1000, 9999)}`,
      vendorSku: `${entry.vendor.slice(0, 3).toUpperCase()}-${rng.hex(8).toUpperCase()}`,
      requiresCommitment: entry.line[4],
    };
  };

  const productTraits = (record: Pax8SimProduct, index: number | undefined): ProductTraits => {
    const position = index ?? hashString(record.id) % 997;
    const entry = LINES[position % LINES.length] as (typeof LINES)[number];
    const usage = entry.line[3];
    const terms = usage ? ['Monthly'] : record.requiresCommitment ? ['Monthly', 'Annual', '2-Year', '3-Year'] : ['Monthly', 'Annual'];
    if (!usage) {
      if (position % 3 === 1) terms.push('Trial');
      if (position % 5 === 2) terms.push('One-Time');
      if (position % 7 === 3) terms.push('Activation');
    }
    const rng = random('commitment', position);
    const commitments: Pax8SimCommitmentTerm[] = [];
    terms.forEach((term, k) => {
      if (!(term in TERM_MONTHS) || (term === 'Monthly' && !record.requiresCommitment)) return;
      commitments.push({
        id: codecs.commitment.encode(position * 8 + k),
        term,
        autoRenew: rng.chance(0.8),
        renewalWindowDaysBeforeTermEnd: rng.pick([0, 7, 30]),
        renewalWindowDaysAfterTermEnd: rng.pick([0, 3, 7]),
        allowForQuantityIncrease: true,
        allowForQuantityDecrease: term === 'Monthly',
        allowForEarlyCancellation: rng.chance(0.3),
        cancellationFeeApplied: rng.chance(0.5),
        isTransferable: rng.chance(0.5),
      });
    });
    return { unit: entry.line[1], monthlyPrice: entry.line[2], usage, terms, commitments };
  };

  const pricing = (record: Pax8SimProduct, traits: ProductTraits): Pax8SimPricing[] =>
    traits.terms.map((term) => {
      const unitCost = round2(traits.monthlyPrice * (TERM_FACTOR[term] ?? 1));
      const commitment = traits.commitments.find((c) => c.term === term);
      const entry: Pax8SimPricing = {
        productId: record.id,
        productName: record.name,
        billingTerm: term,
        type: traits.usage ? 'Mark-Up' : unitCost > 100 ? 'Volume' : 'Flat',
        unitOfMeasurement: traits.unit,
        rates: traits.usage
          ? [{ partnerBuyRate: 0, suggestedRetailPrice: 0, startQuantityRange: 0, chargeType: 'Per Unit' }]
          : [
              { partnerBuyRate: unitCost, suggestedRetailPrice: round2(unitCost * 1.2), startQuantityRange: 1, endQuantityRange: 299, chargeType: 'Per Unit' },
              { partnerBuyRate: round2(unitCost * 0.95), suggestedRetailPrice: round2(unitCost * 1.15), startQuantityRange: 300, chargeType: 'Per Unit' },
            ],
      };
      if (commitment) {
        entry.commitmentTerm = commitment.term;
        entry.commitmentTermInMonths = TERM_MONTHS[commitment.term] ?? 1;
      }
      return entry;
    });

  const subscriptionKeys: Generator['subscriptionKeys'] = (index, productTerms) => {
    const rng = random('subscriptionKeys', index);
    const companyIndex = Math.min(counts.companies - 1, Math.floor(counts.companies * rng.next() ** 1.6));
    let productIndex = Math.min(counts.products - 1, Math.floor(counts.products * rng.next() ** 2));
    const status = index < PAX8_SUBSCRIPTION_STATUSES.length ? index : pickWeighted(rng.next(), STATUS_WEIGHTS.map((w, k) => [k, w] as const));
    let termName: string | undefined;
    if (index < PAX8_BILLING_TERMS.length) {
      const wanted = PAX8_BILLING_TERMS[index] as string;
      for (let p = 0; p < counts.products; p++) {
        if (productTerms(p).includes(wanted)) {
          productIndex = p;
          termName = wanted;
          break;
        }
      }
    }
    const terms = productTerms(productIndex);
    if (termName === undefined) {
      termName = PAX8_SUBSCRIPTION_STATUSES[status] === 'Trial' && terms.includes('Trial') ? 'Trial' : (terms[Math.floor(rng.next() ** 1.5 * terms.length)] ?? 'Monthly');
    }
    return [companyIndex, productIndex, status, PAX8_BILLING_TERMS.indexOf(termName as (typeof PAX8_BILLING_TERMS)[number])];
  };

  const subscription: Generator['subscription'] = (index, keys, ctx) => {
    const rng = random('subscription', index);
    const status = PAX8_SUBSCRIPTION_STATUSES[keys[2]] ?? 'Active';
    const term = PAX8_BILLING_TERMS[keys[3]] ?? 'Monthly';
    const created = reference - rng.int(2, 1500) * DAY - rng.int(0, 86_399_999);
    const start = addDays(created, rng.int(0, 14)) - (created % DAY) + 8.5 * 3600_000;
    const factor = TERM_FACTOR[term] ?? 1;
    const cost = ctx.traits.usage ? 0 : round2(ctx.traits.monthlyPrice * factor);
    const createdStyle = rng.next();
    const record: Pax8SimSubscription = {
      id: codecs.subscription.encode(index),
      companyId: ctx.company.id,
      productId: ctx.product.id,
      quantity: ctx.traits.usage ? 1 : Math.max(1, Math.round(rng.next() ** 3 * 250)),
      startDate: rng.chance(0.6) ? formatZulu(start) : formatOffset(start, rng.pick(OFFSETS)),
      createdDate: createdStyle < 0.25 ? formatDate(created) : dateTime(rng, created),
      billingStart: formatDate(start),
      status,
      price: round2(cost * (1 + rng.int(5, 35) / 100)),
      currencyCode: ctx.currency,
      partnerCost: cost,
      productName: ctx.product.name,
      billingTerm: term,
    };
    if (rng.chance(0.85)) record.updatedDate = formatOffset(Math.min(reference, addDays(created, rng.int(1, 400))), rng.pick(OFFSETS));
    if (ctx.product.vendorName === 'Microsoft') record.vendorSubscriptionId = codecs.user.encode(index + 0x40000000);
    if (ctx.product.vendorSku) record.vendorSkuId = ctx.product.vendorSku;
    if (status === 'Cancelled') {
      const end = Math.min(reference - DAY, addDays(start, rng.int(30, 700)));
      record.endDate = rng.chance(0.5) ? formatDate(end) : formatZulu(end);
    } else if (status === 'PendingCancel') {
      record.endDate = formatDate(addDays(reference, rng.int(1, 30)));
    } else if (status === 'Trial' || status === 'Converted') {
      record.endDate = formatZulu(addDays(start, 30));
    }
    const commitment = ctx.traits.commitments.find((c) => c.term === term);
    if (commitment) {
      // The current term: the first term end after the reference date.
      const months = TERM_MONTHS[term] ?? 1;
      const from = new Date(start);
      const to = new Date(reference);
      const elapsed = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
      let end = addMonths(start, Math.max(1, Math.ceil(elapsed / months)) * months);
      if (end < reference) end = addMonths(end, months);
      record.commitment = { id: commitment.id, term: commitment.term, endDate: formatOffset(end, rng.pick(OFFSETS)) };
    }
    return record;
  };

  return { seed, reference, codecs, random, company, contacts, product, productTraits, pricing, subscriptionKeys, subscription };
}
