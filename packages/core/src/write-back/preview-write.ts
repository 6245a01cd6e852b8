import { Pax8ApiError, type Pax8Client, type Pax8OrderCreate, type Pax8Subscription } from '@pax8-sync/client';
import type { EngineDeps } from '../engine/engine-deps';
import type { StoredConnection } from '../storage/connections';
import type { JsonObject } from '../storage/json';
import { commitmentEnd, companiesNamed, isFutureDated, subscriptionValues } from './pax8-values';
import { refusalText } from './refusal-text';
import { changeOf, type IntentShape, payloadOf, shapeOf } from './write-change';
import { loadIntent, nowOf, openWriteClient, writeConnection } from './write-context';
import type { WriteChange } from './write-types';

/** Why Pax8 would refuse a write now. */
export type WriteBlockerCode = 'commitment' | 'future-dated' | 'cancelled' | 'not-found' | 'sandbox' | 'company-exists' | 'order-refused' | 'order-unverified';

/** One thing that blocks a write. */
export interface WriteBlocker {
  /** What kind of block. */
  code: WriteBlockerCode;
  /** In plain words, with the fix. */
  message: string;
}

/** What {@link previewWrite} tells. */
export interface WritePreview {
  /** The change previewed. */
  change: WriteChange;
  /** What Pax8 would do, in plain words. */
  effect: string;
  /** Whether Pax8 would take it now (no blockers). */
  allowed: boolean;
  /** What blocks it. */
  blockers: WriteBlocker[];
  /**
   * When a `commitment` blocker lifts (the commitment end, epoch ms): pass it as `dueAt` to
   * `requestWrite` or `scheduleWrite` to send the change then. `null` otherwise.
   */
  scheduleFor: number | null;
  /** Pax8's current values of the target (`{ quantity, status }` of a subscription), `null` for creates. */
  current: JsonObject | null;
}

/** Options of {@link previewWrite}: a change, or an existing intent's change. */
export type PreviewWriteOptions = EngineDeps & { connectionId: string } & ({ change: WriteChange; intentId?: undefined } | { intentId: string; change?: undefined });

type Draft = Omit<WritePreview, 'change' | 'allowed'>;

async function previewSubscription(client: Pax8Client, shape: IntentShape, now: number): Promise<Draft> {
  let s: Pax8Subscription;
  try {
    s = await client.subscriptions.get(shape.target.id);
  } catch (error) {
    if (Pax8ApiError.isInstance(error) && error.status === 404) return { effect: 'nothing: Pax8 has no such subscription', blockers: [{ code: 'not-found', message: `Pax8 has no subscription ${shape.target.id}.` }], scheduleFor: null, current: null };
    throw error;
  }
  const current = subscriptionValues(s);
  const blockers: WriteBlocker[] = [];
  const end = commitmentEnd(s, now);
  let scheduleFor: number | null = null;
  if (s.status === 'Cancelled') blockers.push({ code: 'cancelled', message: `Subscription ${s.id} is cancelled; Pax8 changes nothing on it.` });
  const p = payloadOf(shape);
  if (shape.kind === 'subscription.quantity') {
    if (isFutureDated(s, now)) blockers.push({ code: 'future-dated', message: `Pax8 does not change the quantity of a future-dated subscription (it starts ${s.startDate}); request it after the start.` });
    if (end && p.quantity < (s.quantity ?? 0)) {
      blockers.push({ code: 'commitment', message: `Pax8 refuses a decrease inside the commitment (ends ${end.endDate}); schedule it for the commitment end (dueAt: scheduleFor).` });
      scheduleFor = end.at;
    }
    return { effect: `PUT /v1/subscriptions/${s.id}: quantity ${String(s.quantity)} → ${p.quantity}`, blockers, scheduleFor, current };
  }
  const at = p.cancelDate ? Date.parse(p.cancelDate) : now;
  if (end && Math.floor(at / 86_400_000) < Math.floor(end.at / 86_400_000)) {
    blockers.push({ code: 'commitment', message: `A committed subscription is cancelled at its commitment end (${end.endDate}), not before; schedule the cancellation then (dueAt: scheduleFor) or pass that cancelDate.` });
    scheduleFor = end.at;
  }
  return { effect: `DELETE /v1/subscriptions/${s.id}${p.cancelDate ? `?cancelDate=${p.cancelDate}` : ''}: cancel it${p.cancelDate ? ` on ${p.cancelDate}` : ' now'}`, blockers, scheduleFor, current };
}

async function previewCompany(client: Pax8Client, shape: IntentShape, connection: StoredConnection): Promise<Draft> {
  const name = payloadOf(shape).company.name;
  const found = await companiesNamed(client, name);
  const blockers: WriteBlocker[] = found.map((c) => ({
    code: 'company-exists' as const,
    message: c.status === 'Inactive' ? `An inactive company "${c.name}" (${c.id}) exists: Pax8 refuses to create it again ("already exists"); add contacts to it instead.` : `A company "${c.name}" (${c.id}) exists already; map the PSA company to it instead of creating another.`,
  }));
  const d = connection.companyDefaults;
  return { effect: `POST /v1/companies: create "${name}" (selfServiceAllowed ${d.selfServiceAllowed}, billOnBehalfOfEnabled ${d.billOnBehalfOfEnabled}, orderApprovalRequired ${d.orderApprovalRequired}) with its contacts, then map it to the PSA company ${shape.target.id}`, blockers, scheduleFor: null, current: null };
}

async function previewOrder(client: Pax8Client, shape: IntentShape, connection: StoredConnection): Promise<Draft> {
  const p = payloadOf(shape);
  const order = { companyId: shape.target.id, lineItems: p.lineItems, ...(p.orderedBy ? { orderedBy: p.orderedBy } : {}) } as unknown as Pax8OrderCreate;
  const outcome = await client.sendOnce((pax8) => pax8.orders.create(order, { mock: true }));
  const blockers: WriteBlocker[] = [];
  if (outcome.kind === 'refused') blockers.push({ code: 'order-refused', message: refusalText(outcome.error) });
  if (outcome.kind === 'maybe-applied' || outcome.kind === 'not-sent') blockers.push({ code: 'order-unverified', message: `Pax8 could not validate the order now (${outcome.error instanceof Error ? outcome.error.message : 'no answer'}); preview it again.` });
  const lines = p.lineItems.map((l) => `${l.quantity} × ${l.productId} (${l.billingTerm})`).join(', ');
  const sandbox = connection.environment === 'Sandbox' ? ' — Sandbox: it is only validated (isMock=true), nothing is ordered' : '';
  return { effect: `POST /v1/orders for company ${shape.target.id}: ${lines}; validated by Pax8 with isMock=true${sandbox}`, blockers, scheduleFor: null, current: null };
}

/**
 * Tells what Pax8 would do with a change and what blocks it, reading Pax8 now (nothing changes):
 * a decrease or an early cancellation inside a commitment (with `scheduleFor`, the commitment end),
 * a quantity change of a future-dated subscription, a cancelled or unknown subscription, an
 * existing company of the same name, an order Pax8's validation (`isMock=true`) refuses, and on a
 * Sandbox connection anything but an order.
 * @throws `Pax8SyncConfigError` for a bad change; Pax8 read failures (after the client's retries) go up.
 * @example
 * const preview = await engine.previewWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId, quantity: 3 } });
 * if (preview.scheduleFor) await engine.requestWrite({ connectionId, change: preview.change, requestedBy, reason, dueAt: preview.scheduleFor });
 */
export async function previewWrite(options: PreviewWriteOptions): Promise<WritePreview> {
  const connection = await writeConnection(options, options.connectionId);
  const change = options.intentId !== undefined ? changeOf(await loadIntent(options.storage, connection.id, options.intentId)) : options.change;
  const shape = shapeOf(change as WriteChange);
  const client = await openWriteClient(options, connection);
  let draft: Draft;
  if (shape.kind === 'company.create') draft = await previewCompany(client, shape, connection);
  else if (shape.kind === 'order.create') draft = await previewOrder(client, shape, connection);
  else draft = await previewSubscription(client, shape, nowOf(options));
  if (connection.environment === 'Sandbox' && shape.kind !== 'order.create') {
    draft.blockers.unshift({ code: 'sandbox', message: 'A Sandbox connection only reads from Pax8 (orders only with isMock=true): this change would be refused at once. Use a Production connection.' });
  }
  return { change: change as WriteChange, ...draft, allowed: draft.blockers.length === 0 };
}
