import type { Pax8Client, Pax8CompanyCreate, Pax8OrderCreate, Pax8Resources } from '@pax8-sync/client';
import type { StoredConnection } from '../storage/connections';
import type { JsonObject } from '../storage/json';
import type { StoredWriteIntent } from '../storage/outbox';
import { payloadOf } from './write-change';
import { companiesNamed, subscriptionValues } from './pax8-values';

/** What reading Pax8 back says about a sent intent. @internal */
export type ReadBack = { kind: 'applied'; pax8Id?: string; reason: string } | { kind: 'not-applied'; reason: string } | { kind: 'unclear'; reason: string };

/** Sends the intent's one request; resolves with what `outcome` keeps of Pax8's answer. @internal */
export async function sendIntent(pax8: Pax8Resources, intent: StoredWriteIntent, connection: StoredConnection): Promise<JsonObject> {
  const p = payloadOf(intent);
  switch (intent.kind) {
    case 'subscription.quantity':
      await pax8.subscriptions.update(intent.target.id, { quantity: p.quantity });
      return {};
    case 'subscription.cancel':
      await pax8.subscriptions.cancel(intent.target.id, p.cancelDate ? { cancelDate: p.cancelDate } : {});
      return {};
    case 'company.create': {
      const body = { ...p.company, ...connection.companyDefaults, contacts: p.contacts } as Pax8CompanyCreate;
      const created = await pax8.companies.create(body);
      return { pax8Id: created.id };
    }
    case 'order.create': {
      const mock = connection.environment === 'Sandbox';
      const order = { companyId: intent.target.id, lineItems: p.lineItems, ...(p.orderedBy ? { orderedBy: p.orderedBy } : {}) } as unknown as Pax8OrderCreate;
      const placed = await pax8.orders.create(order, { mock });
      return mock ? { mock: true } : { pax8Id: placed.id, subscriptionIds: (placed.lineItems ?? []).flatMap((l) => (l.subscriptionId ? [l.subscriptionId] : [])) };
    }
  }
}

const lineKey = (l: { productId?: string | null; quantity?: number | null; billingTerm?: string | null }) => `${l.productId}|${l.quantity}|${l.billingTerm}`;
const linesKey = (lines: readonly { productId?: string | null; quantity?: number | null; billingTerm?: string | null }[]) => lines.map(lineKey).sort().join(',');

/**
 * Reads Pax8 back to tell whether a sent intent took effect. `claimedOrderIds`: orders already
 * attributed to other applied intents of the connection (an order is told by company, lines and day).
 * @internal
 */
export async function readBack(client: Pax8Client, intent: StoredWriteIntent, connection: StoredConnection, claimedOrderIds: ReadonlySet<string>): Promise<ReadBack> {
  const p = payloadOf(intent);
  switch (intent.kind) {
    case 'subscription.quantity': {
      const now = subscriptionValues(await client.subscriptions.get(intent.target.id));
      if (now.quantity === p.quantity) return { kind: 'applied', reason: `read back: Pax8 shows quantity ${p.quantity}` };
      if (intent.basedOn && now.quantity === intent.basedOn.quantity) return { kind: 'not-applied', reason: `read back: Pax8 still shows quantity ${String(now.quantity)}` };
      return { kind: 'unclear', reason: `read back: Pax8 shows quantity ${String(now.quantity)}, neither the target ${p.quantity} nor the ${String(intent.basedOn?.quantity)} it was based on` };
    }
    case 'subscription.cancel': {
      const status = subscriptionValues(await client.subscriptions.get(intent.target.id)).status;
      if (status === 'Cancelled' || status === 'PendingCancel') return { kind: 'applied', reason: `read back: Pax8 shows the subscription ${status}` };
      return { kind: 'not-applied', reason: `read back: Pax8 still shows the subscription ${String(status)}` };
    }
    case 'company.create': {
      const name = p.company.name;
      // Companies of that name seen before sending are not ours (the claim refuses to create beside them).
      const before = new Set(Array.isArray(intent.basedOn?.companyIds) ? (intent.basedOn.companyIds as string[]) : []);
      const found = (await companiesNamed(client, name)).filter((c) => !before.has(c.id));
      if (found.length === 1) return { kind: 'applied', pax8Id: found[0]!.id, reason: `read back: Pax8 has the company "${name}" (${found[0]!.id})` };
      if (found.length === 0) return { kind: 'not-applied', reason: `read back: Pax8 has no company named "${name}"` };
      return { kind: 'unclear', reason: `read back: Pax8 has ${found.length} companies named "${name}"; a person must tell which is this one` };
    }
    case 'order.create': {
      if (connection.environment === 'Sandbox') return { kind: 'not-applied', reason: 'a validation-only order (isMock=true) changes nothing in Pax8' };
      // The company's orders from before the claim are not ours; only a new order with these lines can be.
      const before = Array.isArray(intent.basedOn?.orderIds) ? new Set(intent.basedOn.orderIds as string[]) : undefined;
      const since = new Date(intent.sentAt ?? 0).toISOString().slice(0, 10);
      const wanted = linesKey(p.lineItems);
      const matching: string[] = [];
      for await (const order of client.orders.iterate({ companyId: intent.target.id })) {
        const isNew = before ? !before.has(order.id) : (order.createdDate ?? '').slice(0, 10) >= since;
        if (isNew && linesKey(order.lineItems ?? []) === wanted && !claimedOrderIds.has(order.id)) matching.push(order.id);
      }
      matching.sort();
      if (matching.length > 1) return { kind: 'unclear', reason: `read back: Pax8 has ${matching.length} new orders for the company with these lines (${matching.join(', ')}); a person must tell which is this one` };
      if (matching.length === 1) return { kind: 'applied', pax8Id: matching[0]!, reason: `read back: Pax8 has order ${matching[0]} for the company with these lines, placed after the intent was sent` };
      return { kind: 'not-applied', reason: 'read back: Pax8 has no new order for the company with these lines since the intent was sent' };
    }
  }
}
