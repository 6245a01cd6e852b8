/** Pax8's rules for changing and cancelling a subscription: future-dated ones and commitments. */
import { DAY, parsePax8Date } from './dates';
import type { ErrorDetail } from './http';
import { PAX8_BILLING_TERMS, type Pax8SimCommitmentTerm, type Pax8SimSubscription } from './records';
import type { World } from './world';

/** The commitment a subscription is inside of at `now`, with its term record (when the product has it). */
export interface ActiveCommitment {
  /** Commitment end, as Pax8 sent it. */
  endDate: string;
  /** e.g. `Annual`. */
  term: string;
  /** The product's commitment term record, if the id is one of the product's. */
  rules: Pax8SimCommitmentTerm | undefined;
}

/** The commitment `s` is inside of at `now`, or undefined (none, or already ended). */
export function activeCommitment(world: World, s: Pax8SimSubscription, now: number): ActiveCommitment | undefined {
  const commitment = s.commitment;
  if (!commitment) return undefined;
  const end = parsePax8Date(commitment.endDate);
  if (end !== undefined && end <= now) return undefined;
  const product = world.products.get(s.productId);
  const rules = product ? world.traitsOf(product).commitments.find((c) => c.id === commitment.id) : undefined;
  return { endDate: commitment.endDate, term: commitment.term, rules };
}

/** Whether a subscription has not started yet (future-dated). */
export function isFutureDated(s: Pax8SimSubscription, now: number): boolean {
  const start = s.startDate ? parsePax8Date(s.startDate) : undefined;
  return start !== undefined && start > now;
}

function checkQuantity(world: World, current: Pax8SimSubscription, q: unknown, now: number, details: ErrorDetail[]): void {
  if (typeof q !== 'number' || !Number.isInteger(q) || q < 1) {
    details.push({ type: 'quantity', message: 'quantity must be a whole number of at least 1' });
    return;
  }
  if (isFutureDated(current, now)) details.push({ type: 'quantity', message: `quantity changes are not supported for a future-dated subscription (starts ${current.startDate})` });
  const inside = activeCommitment(world, current, now);
  if (q < current.quantity && inside && !inside.rules?.allowForQuantityDecrease) {
    details.push({ type: 'quantity', message: `quantity cannot decrease during the ${inside.term} commitment (ends ${inside.endDate}); schedule the decrease for the commitment end` });
  }
}

function checkBillingTerm(world: World, current: Pax8SimSubscription, term: unknown, now: number, details: ErrorDetail[]): void {
  const product = world.products.get(current.productId);
  const terms = product ? world.traitsOf(product).terms : [...PAX8_BILLING_TERMS];
  if (typeof term !== 'string' || !terms.includes(term)) {
    details.push({ type: 'billingTerm', message: `billingTerm must be one of ${terms.join(', ')}` });
    return;
  }
  const inside = activeCommitment(world, current, now);
  if (term !== current.billingTerm && inside) details.push({ type: 'billingTerm', message: `billingTerm cannot change during the ${inside.term} commitment (ends ${inside.endDate})` });
}

/** The problems of a `PUT /v1/subscriptions/{id}` body against the subscription as it stands. */
export function validateUpdate(world: World, current: Pax8SimSubscription, body: Record<string, unknown>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const now = world.options.now();
  const present = ['quantity', 'price', 'billingTerm', 'startDate'].filter((f) => body[f] !== undefined);
  if (present.length === 0) details.push({ type: 'body', message: 'At least one of quantity, price, billingTerm or startDate is required' });
  if (body.quantity !== undefined) checkQuantity(world, current, body.quantity, now, details);
  if (body.price !== undefined && (typeof body.price !== 'number' || body.price < 0)) details.push({ type: 'price', message: 'price must be a number >= 0' });
  if (body.billingTerm !== undefined) checkBillingTerm(world, current, body.billingTerm, now, details);
  if (body.startDate !== undefined && (typeof body.startDate !== 'string' || parsePax8Date(body.startDate) === undefined)) {
    details.push({ type: 'startDate', message: 'startDate must be an ISO 8601 date-time' });
  }
  return details;
}

/** Why a cancellation at `at` is refused (a commitment that allows no early cancellation), or undefined. */
export function cancellationProblem(world: World, current: Pax8SimSubscription, at: number): ErrorDetail | undefined {
  const inside = activeCommitment(world, current, world.options.now());
  if (!inside || inside.rules?.allowForEarlyCancellation) return undefined;
  const end = parsePax8Date(inside.endDate);
  // By calendar day: `cancelDate=2026-08-11` is the end day of a commitment ending 2026-08-11T11:33-0600.
  if (end === undefined || Math.floor(at / DAY) >= Math.floor(end / DAY)) return undefined;
  return { type: 'cancelDate', message: `a ${inside.term} commitment cannot be cancelled before it ends (${inside.endDate}); pass cancelDate=${inside.endDate} or later` };
}
