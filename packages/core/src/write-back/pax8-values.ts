import type { Pax8Client, Pax8Subscription } from '@pax8-sync/client';
import type { JsonObject } from '../storage/json';

/** Epoch ms of a Pax8 date (`2026-08-11`, ISO with `Z`, `+02:00` or `-0600`), or `undefined`. @internal */
export function pax8Time(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : t;
}

/** The values of a subscription an intent is based on and compared with before sending. @internal */
export function subscriptionValues(s: Pax8Subscription | JsonObject): JsonObject {
  return { quantity: typeof s.quantity === 'number' ? s.quantity : null, status: typeof s.status === 'string' ? s.status : null };
}

/** The commitment end of a subscription that is still inside it at `now`, or `undefined`. @internal */
export function commitmentEnd(s: Pax8Subscription, now: number): { endDate: string; at: number } | undefined {
  const commitment = s.commitment ?? s.commitmentTerm;
  const at = pax8Time(commitment?.endDate);
  return at !== undefined && at > now ? { endDate: commitment!.endDate as string, at } : undefined;
}

/** Whether a subscription starts after `now`. @internal */
export function isFutureDated(s: Pax8Subscription, now: number): boolean {
  const start = pax8Time(s.startDate);
  return start !== undefined && start > now;
}

/** Every Pax8 company whose name equals `name` (trimmed, case-insensitive), read page by page. @internal */
export async function companiesNamed(client: Pax8Client, name: string): Promise<{ id: string; name: string; status: string | null }[]> {
  const wanted = name.trim().toLowerCase();
  const found: { id: string; name: string; status: string | null }[] = [];
  for await (const c of client.companies.iterate()) {
    if ((c.name ?? '').trim().toLowerCase() === wanted) found.push({ id: c.id, name: c.name ?? '', status: c.status ?? null });
  }
  return found;
}
