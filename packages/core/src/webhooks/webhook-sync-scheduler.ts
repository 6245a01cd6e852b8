import type { StatusMapperSettings } from '@pax8-sync/status';
import { describeError } from '../engine/describe-error';
import type { EngineDeps } from '../engine/engine-deps';
import { completeLogger } from '../engine/logger';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { syncCompanies, syncProducts } from '../sync/sync-functions';
import type { WebhookDelivery } from './receiver-types';
import { type RefreshCounts, refreshCompanySubscriptions, refreshSubscription, SYNC_BUSY } from './refresh-subscriptions';
import { targetKey, type WebhookSyncTarget, webhookTarget } from './webhook-targets';

/** One targeted sync the scheduler ran. */
export interface WebhookSyncOutcome {
  /** The connection. */
  connectionId: string;
  /** What was synced. */
  target: WebhookSyncTarget;
  /** How many deliveries (and sweep findings) this one sync answered. */
  deliveries: number;
  /** `succeeded`; `deferred` (a subscriptions sync held the lock: it runs again after `debounceMs`); or `failed` (see `error`; the periodic sync catches up). */
  outcome: 'succeeded' | 'deferred' | 'failed';
  /** For subscription targets: records read and rows written. */
  counts?: RefreshCounts;
  /** Why it failed (secrets scrubbed). */
  error?: string;
}

/** Options of {@link createWebhookSyncScheduler}: the engine's dependencies plus coalescing settings. */
export interface WebhookSyncSchedulerOptions extends EngineDeps {
  /** Wait this long after the first delivery of a target before syncing it, so a burst gives one sync; default 2,000 ms. */
  debounceMs?: number;
  /** Status mapping for the subscriptions stored (as in `syncSubscriptions`). */
  statusMapping?: StatusMapperSettings;
  /** Called after each targeted sync. */
  onSynced?: (outcome: WebhookSyncOutcome) => void;
}

/** Turns deliveries into coalesced, targeted syncs (in this process). */
export interface WebhookSyncScheduler {
  /** Give it to `createWebhookReceiver({ onDelivery })`. Never throws; returns at once. */
  onDelivery(delivery: WebhookDelivery): void;
  /** Schedules a target directly (the sweep uses it). */
  schedule(connectionId: string, target: WebhookSyncTarget): void;
  /** Runs every waiting target now and resolves once nothing is waiting or running (a target deferred behind a running sync's lock is tried once, then stays on its timer). */
  flush(): Promise<void>;
  /** Stops the timers; waiting targets are dropped (the periodic sync catches up). */
  close(): void;
}

interface Slot {
  connectionId: string;
  target: WebhookSyncTarget;
  deliveries: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  /** Deliveries that came while it ran: it runs once more after (the change may be newer than the read). */
  again: number;
  /** Waiting for a running sync's lock (flush does not wait for it). */
  deferred?: boolean;
}

async function runTarget(options: WebhookSyncSchedulerOptions, connectionId: string, target: WebhookSyncTarget): Promise<RefreshCounts | undefined> {
  const input = { deps: options, connectionId, ...(options.statusMapping ? { statusMapping: options.statusMapping } : {}) };
  if (target.kind === 'company-subscriptions') return refreshCompanySubscriptions({ ...input, companyId: target.companyId });
  if (target.kind === 'subscription') return refreshSubscription({ ...input, subscriptionId: target.subscriptionId });
  const result = target.kind === 'companies' ? await syncCompanies({ ...options, connectionId }) : await syncProducts({ ...options, connectionId });
  if (result.outcome === 'failed') throw new Error(result.error ?? 'sync failed');
  return undefined;
}

/**
 * Turns webhook deliveries into targeted syncs, coalescing bursts: deliveries naming the same
 * target (the subscriptions of one company, the company list, the products) within `debounceMs`
 * give one sync, so 100 events for one company read that company once. What is stored always
 * comes from the API, never from the payload. In-process; a worker can use `webhookTarget` to
 * enqueue jobs instead.
 * @throws `Pax8SyncConfigError` naming a bad option.
 * @example
 * const scheduler = createWebhookSyncScheduler({ storage, codec, debounceMs: 2000 });
 * const receive = createWebhookReceiver({ storage, codec, onDelivery: scheduler.onDelivery });
 */
export function createWebhookSyncScheduler(options: WebhookSyncSchedulerOptions): WebhookSyncScheduler {
  validateEngineDeps(options);
  const debounceMs = options.debounceMs ?? 2000;
  if (!Number.isFinite(debounceMs) || debounceMs < 0) throw new Pax8SyncConfigError('debounceMs', 'must be milliseconds >= 0.');
  const log = completeLogger(options.logger);
  const slots = new Map<string, Slot>();

  const run = (key: string, slot: Slot): Promise<void> => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.running) return slot.running;
    const deliveries = slot.deliveries;
    slot.running = (async () => {
      let outcome: WebhookSyncOutcome;
      try {
        const counts = await runTarget(options, slot.connectionId, slot.target);
        outcome = { connectionId: slot.connectionId, target: slot.target, deliveries, outcome: 'succeeded', ...(counts ? { counts } : {}) };
        slot.deferred = false;
      } catch (error) {
        if ((error as { code?: unknown }).code === SYNC_BUSY) {
          slot.deferred = true;
          slot.again += deliveries;
          options.onSynced?.({ connectionId: slot.connectionId, target: slot.target, deliveries, outcome: 'deferred' });
          return;
        }
        slot.deferred = false;
        outcome = { connectionId: slot.connectionId, target: slot.target, deliveries, outcome: 'failed', error: describeError(error, []) };
        log.warn({ connectionId: slot.connectionId, target: slot.target.kind, error: outcome.error }, 'pax8-sync: targeted webhook sync failed; the periodic sync catches up');
      }
      options.onSynced?.(outcome);
    })().finally(() => {
      slot.running = undefined;
      if (slot.again > 0) {
        slot.deliveries = slot.again;
        slot.again = 0;
        arm(key, slot);
      } else slots.delete(key);
    });
    return slot.running;
  };

  const arm = (key: string, slot: Slot) => {
    slot.timer = setTimeout(() => void run(key, slot), slot.deferred ? Math.max(debounceMs, 1000) : debounceMs);
    slot.timer.unref?.();
  };

  const schedule = (connectionId: string, target: WebhookSyncTarget) => {
    const key = targetKey(connectionId, target);
    const slot = slots.get(key);
    if (slot?.running) slot.again += 1;
    else if (slot) slot.deliveries += 1;
    else {
      const fresh: Slot = { connectionId, target, deliveries: 1, again: 0 };
      slots.set(key, fresh);
      arm(key, fresh);
    }
  };

  return {
    onDelivery(delivery) {
      const target = webhookTarget(delivery);
      if (target) schedule(delivery.connectionId, target);
    },
    schedule,
    async flush() {
      // Every waiting target runs at least once; one deferred behind a running sync's lock is not retried in a loop.
      const tried = new Set<Slot>();
      for (;;) {
        const due = [...slots].filter(([, slot]) => slot.running || !slot.deferred || !tried.has(slot));
        if (due.length === 0) return;
        for (const [, slot] of due) tried.add(slot);
        await Promise.all(due.map(([key, slot]) => run(key, slot)));
      }
    },
    close() {
      for (const slot of slots.values()) if (slot.timer) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}
