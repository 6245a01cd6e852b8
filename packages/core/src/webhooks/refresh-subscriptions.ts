import type { StatusMapperSettings } from '@pax8-sync/status';
import { randomIds, systemClock } from '../engine/clock';
import type { Pax8PageLike, Pax8SyncClient } from '../engine/client-port';
import type { EngineDeps } from '../engine/engine-deps';
import { openClient } from '../engine/open-client';
import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { JsonObject } from '../storage/json';
import { diffPage } from '../sync/diff-page';
import { subscriptionSpec } from '../sync/entity-specs';
import { preparePage } from '../sync/prepare-page';

/** What a targeted refresh did. */
export interface RefreshCounts {
  /** Records read from Pax8. */
  read: number;
  /** Rows written (created or changed). */
  written: number;
}

interface RefreshInput {
  deps: EngineDeps;
  connectionId: string;
  statusMapping?: StatusMapperSettings;
}

/** Stores one page as Pax8 shows it now: the normal diff, change events, quarantine for bad records skipped. */
async function storePage(input: RefreshInput, page: Pax8PageLike, runId: string, mapped: Set<string>): Promise<number> {
  const { deps, connectionId } = input;
  const spec = subscriptionSpec(input.statusMapping);
  const now = (deps.clock ?? systemClock).now();
  const keep = (record: JsonObject) => typeof record.companyId === 'string' && mapped.has(record.companyId);
  const prepared = preparePage(spec, page, { connectionId, entity: 'subscriptions', runId, now, pageNumber: page.page.number, keep });
  if (prepared.valid.length === 0) return 0;
  const known = new Map((await deps.storage.subscriptions.getMany(connectionId, prepared.valid.map((v) => v.id))).map((r) => [r.id, r]));
  const work = diffPage(prepared, (id) => known.get(id), { connectionId, entity: 'subscriptions', runId, now });
  if (work.rows.length === 0) return 0;
  await deps.storage.transaction(async (tx) => {
    await tx.subscriptions.upsertMany(work.rows.map((r) => r.row));
    await tx.changes.append(work.rows.flatMap((r) => r.events));
  });
  return work.rows.length;
}

/** Another sync of the connection's subscriptions holds the lock: the refresh waits for it (code `sync-busy`). @internal */
export const SYNC_BUSY = 'sync-busy';

/**
 * Runs `fn` holding the connection's subscriptions sync lock, so a refresh never interleaves with a
 * full sync (whose older page could otherwise overwrite the newer read). @internal
 */
async function underLock<T>(input: RefreshInput, fn: () => Promise<T>): Promise<T> {
  const { storage } = input.deps;
  const now = (input.deps.clock ?? systemClock).now();
  const name = 'sync:subscriptions';
  const lease = await storage.locks.acquire({ connectionId: input.connectionId, name, holder: `webhook:${(input.deps.ids ?? randomIds)()}`, ttlMs: 120_000, now });
  if (!lease) throw new Pax8SyncError(SYNC_BUSY, 'A subscriptions sync of this connection is running; the targeted refresh runs after it.');
  try {
    return await fn();
  } finally {
    await storage.locks.release({ connectionId: input.connectionId, name, token: lease.token }).catch(() => false);
  }
}

async function confirmedCompanies(input: RefreshInput): Promise<Set<string>> {
  return new Set((await input.deps.storage.mappings.list(input.connectionId, { state: 'confirmed' })).map((m) => m.pax8CompanyId));
}

async function client(input: RefreshInput): Promise<Pax8SyncClient> {
  const connection = await input.deps.storage.connections.get(input.connectionId);
  if (!connection) throw new Error(`connection ${input.connectionId} is gone`);
  return openClient(input.deps, connection);
}

/**
 * Reads the subscriptions of one company from Pax8 (every page) and stores what changed, with
 * change events (run id `webhook:<id>`), holding the subscriptions sync lock. Only a company with a confirmed mapping is read; removals
 * are left to the periodic sync. @internal
 */
export async function refreshCompanySubscriptions(input: RefreshInput & { companyId: string }): Promise<RefreshCounts> {
  return underLock(input, () => companyRefresh(input));
}

async function companyRefresh(input: RefreshInput & { companyId: string }): Promise<RefreshCounts> {
  const mapped = await confirmedCompanies(input);
  if (!mapped.has(input.companyId)) return { read: 0, written: 0 };
  const pax8 = await client(input);
  const runId = `webhook:${(input.deps.ids ?? randomIds)()}`;
  const counts: RefreshCounts = { read: 0, written: 0 };
  for (let number = 0; ; number++) {
    const page = await pax8.subscriptions.list({ page: number, size: 200, companyId: input.companyId });
    counts.read += page.content.length;
    counts.written += await storePage(input, page, runId, mapped);
    if (number + 1 >= page.page.totalPages || page.content.length === 0) return counts;
  }
}

/** Reads one subscription from Pax8 and stores it when its company is mapped (one API read). @internal */
export async function refreshSubscription(input: RefreshInput & { subscriptionId: string }): Promise<RefreshCounts> {
  return underLock(input, () => subscriptionRefresh(input));
}

async function subscriptionRefresh(input: RefreshInput & { subscriptionId: string }): Promise<RefreshCounts> {
  const mapped = await confirmedCompanies(input);
  if (mapped.size === 0) return { read: 0, written: 0 };
  let record: unknown;
  try {
    record = await (await client(input)).subscriptions.get(input.subscriptionId);
  } catch (error) {
    // A subscription Pax8 does not know (a made-up id): nothing to store; removals are the periodic sync's.
    if ((error as { status?: unknown }).status === 404) return { read: 0, written: 0 };
    throw error;
  }
  const page: Pax8PageLike = { content: [record], page: { size: 1, totalElements: 1, totalPages: 1, number: 0 } };
  return { read: 1, written: await storePage(input, page, `webhook:${(input.deps.ids ?? randomIds)()}`, mapped) };
}
