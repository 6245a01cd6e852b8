/** Which registrations a change goes to, and what their delivery says. */
import type { Pax8SimWebhook, Pax8SimWebhookFilter, Pax8SimWebhookTopic } from './records';
import type { WorldChange } from './world-events';

const HINT_FIELDS = ['companyId', 'productId', 'status', 'quantity', 'name', 'billingTerm'];

function holds(condition: Pax8SimWebhookFilter['conditions'][number], record: Record<string, unknown>): boolean {
  const raw = record[condition.field];
  const value = raw === undefined || raw === null ? '' : String(raw);
  const [first = ''] = condition.value;
  switch (condition.operator) {
    case 'EQUALS':
      return value === first;
    case 'NOT_EQUALS':
      return value !== first;
    case 'IN':
      return condition.value.includes(value);
    case 'NOT_IN':
      return !condition.value.includes(value);
    case 'CONTAINS':
      return value.includes(first);
    case 'GREATER_THAN':
      return Number(value) > Number(first);
    case 'LESS_THAN':
      return Number(value) < Number(first);
    default:
      return false;
  }
}

/** The topic of a registration a change goes to: its topic is subscribed, and a filter (if any) matches. */
export function subscribedTopic(hook: Pax8SimWebhook, change: WorldChange): Pax8SimWebhookTopic | undefined {
  const topic = hook.webhookTopics.find((t) => t.topic === change.topic);
  if (!topic) return undefined;
  if (topic.filters.length === 0) return topic;
  const matches = topic.filters.some((f) => f.action === change.action && f.conditions.every((c) => holds(c, change.record)));
  return matches ? topic : undefined;
}

/** `payloadData` of a change: the action, the id and a few fields to route on (a hint; the API holds the truth). */
export function payloadData(change: WorldChange): Record<string, unknown> {
  const data: Record<string, unknown> = { action: change.action, id: change.id };
  for (const field of HINT_FIELDS) if (change.record[field] !== undefined && typeof change.record[field] !== 'object') data[field] = change.record[field];
  return data;
}

/** Whether a delivery URL is on this machine (the simulator never sends anywhere else). */
export function isLoopback(url: string | undefined): boolean {
  if (!url || !URL.canParse(url)) return false;
  const { hostname, protocol } = new URL(url);
  return (protocol === 'http:' || protocol === 'https:') && (hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname));
}
