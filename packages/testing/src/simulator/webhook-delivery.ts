import type { AccountState, Pax8Latency } from './accounts';
import { latencyRange } from './accounts';
import { Pax8SimulatorError } from './errors';
import { createRandom, hash32, hashString, type Random } from './random';
import type { Pax8SimWebhook, Pax8SimWebhookLog, Pax8SimWebhookTopic } from './records';
import { type Pax8Timers, realTimers } from './timers';
import { isLoopback, payloadData, subscribedTopic } from './webhook-filters';
import type { WorldChange } from './world-events';

/** How a delivery can misbehave: `late` (minutes late), `duplicate` (sent twice), `outOfOrder` (after the next one), `fail` (an attempt that never reaches the receiver). */
export type Pax8DeliveryBehaviour = 'late' | 'duplicate' | 'outOfOrder' | 'fail';

const BEHAVIOURS: readonly Pax8DeliveryBehaviour[] = ['late', 'duplicate', 'outOfOrder', 'fail'];

/** Webhook delivery settings (`createPax8Simulator({ webhookDelivery })`). */
export interface Pax8WebhookDeliveryOptions {
  /** Deliver at all (default true). Only loopback URLs are ever called; others are skipped. */
  enabled?: boolean;
  /** An attempt counts as failed after this long without an answer (default 10,000 ms, as Pax8's guide says). */
  timeoutMs?: number;
  /** Wait before retrying a failed attempt (default 60,000 ms); at most `errorThreshold` retries. */
  retryDelayMs?: number;
  /** Wait between a change and its delivery: ms or `[min, max]` drawn from the seed (default 0: at once). */
  delayMs?: Pax8Latency;
  /** How much later a `late` delivery goes (default 120,000 ms). */
  lateMs?: number;
  /** How long an `outOfOrder` delivery waits for the next one before it goes anyway (default 5,000 ms). */
  holdMs?: number;
  /** Seeded probability of each behaviour per delivery (`fail`: per attempt). */
  rates?: Partial<Record<Pax8DeliveryBehaviour, number>>;
  /** Seed of the draws (default: the simulator's). */
  seed?: number;
  /** Timers deliveries, retries and timeouts wait on (default real ones; `createPax8ManualTimers()` for tests that must not sleep). */
  timers?: Pax8Timers;
  /** The fetch deliveries are sent with (default: the global one, looked up at each call). */
  fetch?: typeof fetch;
}

/** A behaviour forced onto upcoming deliveries (`fail`: attempts), ahead of the rates. */
export interface Pax8ScriptedDelivery {
  /** The behaviour. */
  kind: Pax8DeliveryBehaviour;
  /** How many deliveries (or attempts, for `fail`) get it (default 1). */
  times?: number;
  /** Only deliveries of this registration. */
  webhookId?: string;
  /** Only deliveries of this topic (`SUBSCRIPTION`, `COMPANY`, ...). */
  topic?: string;
}

/** One attempt to deliver, as the simulator made it. */
export interface Pax8WebhookDelivery {
  /** The delivery log it belongs to (`GET /api/v2/webhooks/{id}/logs/{logId}`). */
  logId: string;
  /** Registration. */
  webhookId: string;
  /** Partner account. */
  accountId: string;
  /** Topic. */
  topic: string;
  /** Action of the change. */
  action: string;
  /** Id of the record that changed. */
  recordId: string;
  /** Attempt number of this delivery (1 = first). */
  attempt: number;
  /** A second copy of an attempt that already went out. */
  duplicate: boolean;
  /** URL called. */
  url: string;
  /** `sentAt` of the payload. */
  sentAt: string;
  /** How the attempt ended. */
  outcome: 'SUCCESS' | 'FAILED';
  /** The receiver's status, when it answered. */
  httpStatusCode?: number;
  /** Why it failed. */
  error?: string;
  /** The body sent: `{ accountId, url, webhookId, sentAt, webhookTopic, payloadData }`. */
  payload: Record<string, unknown>;
}

interface Pending {
  account: AccountState;
  /** The registration as it was at the change (each attempt reads its current URL and authorization). */
  hook: Pax8SimWebhook;
  /** Retries allowed after a failed attempt (the registration's errorThreshold; 0 for a retry asked by hand). */
  retries: number;
  topic: Pax8SimWebhookTopic;
  change: WorldChange;
  log: Pax8SimWebhookLog;
  attempt: number;
  /** This attempt is the second copy of one that went out. */
  duplicate: boolean;
  /** Send a second copy once an attempt succeeds (the `duplicate` behaviour). */
  twice: boolean;
}

function positive(field: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v))) throw new Pax8SimulatorError(`webhookDelivery.${field}`, 'must be milliseconds >= 0');
  return v;
}

/** Checks delivery options, naming the field. */
export function checkDeliveryOptions(o: Pax8WebhookDeliveryOptions): void {
  for (const f of ['timeoutMs', 'retryDelayMs', 'lateMs', 'holdMs'] as const) positive(f, o[f], 0);
  latencyRange('webhookDelivery.delayMs', o.delayMs);
  for (const [k, rate] of Object.entries(o.rates ?? {})) {
    if (!BEHAVIOURS.includes(k as Pax8DeliveryBehaviour)) throw new Pax8SimulatorError(`webhookDelivery.rates.${k}`, `unknown behaviour; use one of ${BEHAVIOURS.join(', ')}`);
    if (typeof rate !== 'number' || rate < 0 || rate > 1) throw new Pax8SimulatorError(`webhookDelivery.rates.${k}`, 'must be a number from 0 to 1');
  }
}

/** Delivers a simulator's world changes to the registered (loopback) URLs, with its logs, retries and misbehaviour. */
export class WebhookDeliverer {
  private options: Pax8WebhookDeliveryOptions;
  private readonly deliveries: Pax8WebhookDelivery[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly handles = new Set<unknown>();
  private readonly held = new Map<string, Pending>();
  private queue: Pax8ScriptedDelivery[] = [];
  private draws = 0;
  private closed = new AbortController();

  constructor(
    private readonly seed: number,
    options: Pax8WebhookDeliveryOptions,
    private readonly deps: { now: () => number; freshId: (account: AccountState, kind: 'webhookLog' | 'webhookCall') => string },
  ) {
    checkDeliveryOptions(options);
    this.options = { ...options };
  }

  /** Current settings (a copy; `timers` and `fetch` as given). */
  get settings(): Pax8WebhookDeliveryOptions {
    return { ...this.options };
  }

  /** Merges settings into the current ones. */
  update(options: Pax8WebhookDeliveryOptions): void {
    const next = { ...this.options, ...options };
    checkDeliveryOptions(next);
    this.options = next;
  }

  /** Queues a behaviour for the next matching deliveries. */
  inject(scripted: Pax8ScriptedDelivery): void {
    if (!BEHAVIOURS.includes(scripted.kind)) throw new Pax8SimulatorError('webhooks.inject.kind', `must be one of ${BEHAVIOURS.join(', ')}`);
    this.queue.push({ times: 1, ...scripted });
  }

  /** Every attempt made, oldest first (copies). */
  list(): Pax8WebhookDelivery[] {
    return structuredClone(this.deliveries);
  }

  /** Resolves once no attempt is in flight (timers that have not fired yet are not waited for). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Stops every timer and attempt (the simulator is closing). */
  close(): void {
    this.closed.abort();
    this.closed = new AbortController();
    for (const handle of this.handles) this.timers().clearTimeout(handle);
    this.handles.clear();
    this.held.clear();
  }

  private timers(): Pax8Timers {
    return this.options.timers ?? realTimers;
  }

  private random(kind: string): Random {
    this.draws += 1;
    return createRandom(hash32(this.options.seed ?? this.seed, hashString(kind), this.draws));
  }

  /** Whether a behaviour applies to this delivery: scripted first, then the seeded rate. */
  private takes(kind: Pax8DeliveryBehaviour, p: Pending): boolean {
    const queued = this.queue.find((q) => q.kind === kind && (q.webhookId === undefined || q.webhookId === p.hook.id) && (q.topic === undefined || q.topic === p.change.topic));
    if (queued) {
      queued.times = (queued.times ?? 1) - 1;
      if (queued.times <= 0) this.queue.splice(this.queue.indexOf(queued), 1);
      return true;
    }
    return this.random(kind).next() < (this.options.rates?.[kind] ?? 0);
  }

  private later(ms: number, run: () => void): void {
    if (ms <= 0) {
      run();
      return;
    }
    const handle = this.timers().setTimeout(() => {
      this.handles.delete(handle);
      run();
    }, ms);
    this.handles.add(handle);
  }

  /** A change in an account's world: one delivery per active registration subscribed to it. */
  onChange(account: AccountState, change: WorldChange): void {
    if (this.options.enabled === false) return;
    const world = account.world;
    for (const i of world.webhooks.positions()) {
      const hook = world.webhooks.at(i);
      const topic = hook.active && isLoopback(hook.url) ? subscribedTopic(hook, change) : undefined;
      if (!topic) continue;
      const log: Pax8SimWebhookLog = { id: this.deps.freshId(account, 'webhookLog'), webhookId: hook.id, webhookName: hook.displayName, topicName: topic.topic, finalStatus: 'PENDING', callHistory: [], createdAt: new Date(this.deps.now()).toISOString() };
      const logs = world.webhookLogs.get(hook.id) ?? [];
      logs.push(log);
      world.webhookLogs.set(hook.id, logs);
      this.schedule({ account, hook, retries: hook.errorThreshold, topic, change, log, attempt: 1, duplicate: false, twice: false });
    }
  }

  private schedule(p: Pending): void {
    const [min, max] = latencyRange('webhookDelivery.delayMs', this.options.delayMs);
    let wait = min === max ? min : min + this.random('delay').next() * (max - min);
    if (this.takes('late', p)) wait += this.options.lateMs ?? 120_000;
    const delivery = { ...p, twice: this.takes('duplicate', p) };
    const outOfOrder = this.takes('outOfOrder', p);
    this.later(wait, () => (outOfOrder ? this.hold(delivery) : this.send(delivery)));
  }

  /** Holds a delivery until the next one of its registration has gone, or `holdMs` passed. */
  private hold(p: Pending): void {
    if (this.held.has(p.hook.id)) this.release(p.hook.id);
    this.held.set(p.hook.id, p);
    this.later(this.options.holdMs ?? 5_000, () => {
      if (this.held.get(p.hook.id) === p) this.release(p.hook.id);
    });
  }

  private release(webhookId: string): void {
    const p = this.held.get(webhookId);
    if (!p) return;
    this.held.delete(webhookId);
    this.send(p);
  }

  private send(p: Pending): void {
    const work = this.attempt(p);
    this.track(work);
    // A delivery held back for being out of order goes once this one has been answered, so it arrives after it.
    if (this.held.has(p.hook.id)) this.track(work.then(() => this.release(p.hook.id)));
  }

  private track(work: Promise<void>): void {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  private async post(url: string, authorization: string | undefined, payload: Record<string, unknown>): Promise<{ status?: number; error?: string }> {
    const controller = new AbortController();
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const timer = this.timers().setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    this.handles.add(timer);
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Pax8-Webhooks (simulator)' };
      if (authorization !== undefined) headers.authorization = authorization;
      const send = this.options.fetch ?? globalThis.fetch;
      const response = await send(url, { method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.any([controller.signal, this.closed.signal]) });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch (caught) {
      const reason = controller.signal.aborted ? (controller.signal.reason as Error).message : caught instanceof Error ? caught.message : String(caught);
      return { error: `Delivery failed: ${reason}` };
    } finally {
      this.timers().clearTimeout(timer);
      this.handles.delete(timer);
    }
  }

  /** Makes one attempt, logs it, and schedules the retry of a failed first copy. */
  private async attempt(p: Pending): Promise<void> {
    const hook = p.account.world.webhooks.get(p.hook.id) ?? p.hook;
    const url = isLoopback(hook.url) ? (hook.url as string) : (p.hook.url as string);
    const sentAt = new Date(this.deps.now()).toISOString();
    const payload = { accountId: p.account.id, url, webhookId: hook.id, sentAt, webhookTopic: structuredClone(p.topic), payloadData: payloadData(p.change) };
    const failed = !p.duplicate && this.takes('fail', p);
    const answer = failed ? { error: 'Delivery failed: the receiver could not be reached' } : await this.post(url, hook.authorization, payload);
    const ok = answer.status !== undefined && answer.status >= 200 && answer.status < 300;
    const error = answer.error ?? (ok ? undefined : `Receiver answered ${answer.status}`);
    this.deliveries.push({ logId: p.log.id, webhookId: hook.id, accountId: p.account.id, topic: p.topic.topic, action: p.change.action, recordId: p.change.id, attempt: p.attempt, duplicate: p.duplicate, url, sentAt, outcome: ok ? 'SUCCESS' : 'FAILED', ...(answer.status !== undefined ? { httpStatusCode: answer.status } : {}), ...(error ? { error } : {}), payload });
    p.log.callHistory.push({ id: this.deps.freshId(p.account, 'webhookCall'), timestamp: sentAt, status: ok ? 'SUCCESS' : 'FAILED', ...(answer.status !== undefined ? { httpStatusCode: answer.status } : {}), ...(error ? { errorMessage: error } : {}), payload });
    if (p.duplicate) return;
    if (ok && p.twice) this.track(this.attempt({ ...p, duplicate: true, twice: false }));
    const retry = !ok && p.attempt <= p.retries;
    p.log.finalStatus = ok ? 'SUCCESS' : retry ? 'RETRYING' : 'FAILED';
    this.setHookStatus(p, p.log.finalStatus);
    if (retry) this.later(this.options.retryDelayMs ?? 60_000, () => this.track(this.attempt({ ...p, attempt: p.attempt + 1 })));
  }

  private setHookStatus(p: Pending, status: string): void {
    const world = p.account.world;
    const index = world.webhooks.indexOf(p.hook.id);
    if (index !== undefined) world.webhooks.put(index, { ...world.webhooks.at(index), lastDeliveryStatus: status });
  }

  /** `POST .../logs/{logId}/retry`: sends the log's delivery again now; false when its URL is not deliverable. */
  retry(account: AccountState, hook: Pax8SimWebhook, log: Pax8SimWebhookLog): boolean {
    const last = log.callHistory.at(-1)?.payload as { webhookTopic?: Pax8SimWebhookTopic; payloadData?: Record<string, unknown> } | undefined;
    if (this.options.enabled === false || !isLoopback(hook.url) || !last?.webhookTopic) return false;
    const data = last.payloadData ?? {};
    const change: WorldChange = { topic: last.webhookTopic.topic as WorldChange['topic'], action: String(data.action ?? 'UPDATED') as WorldChange['action'], id: String(data.id ?? ''), record: data };
    log.finalStatus = 'RETRYING';
    // A retry asked for by hand is one more attempt, not a new series of retries.
    this.track(this.attempt({ account, hook, retries: 0, topic: last.webhookTopic, change, log, attempt: log.callHistory.length + 1, duplicate: false, twice: false }));
    return true;
  }
}
