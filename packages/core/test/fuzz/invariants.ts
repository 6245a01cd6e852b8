import { findUnstorableText, type JsonValue, type SyncResult } from '@pax8-sync/core';
import type { MemoryStorage } from '@pax8-sync/storage-memory';
import type { Pax8Simulator } from '@pax8-sync/testing';

/** A broken invariant, with what the fuzz needs to say about it. */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

const fail = (message: string): never => {
  throw new InvariantError(message);
};

/** Counts of stored rows (removed ones included), to check that no row is ever deleted. */
export async function rowCounts(storage: MemoryStorage, connectionId: string) {
  return {
    companies: await storage.companies.count(connectionId, { includeRemoved: true }),
    subscriptions: await storage.subscriptions.count(connectionId, { includeRemoved: true }),
  };
}

/** What the simulator did to the entity's listing since its log was last reset. */
function driftOf(sim: Pax8Simulator, entity: 'companies' | 'subscriptions') {
  const reports = sim.drift.reports.filter((r) => r.route === `GET /v1/${entity}`);
  const served = new Map<string, number>();
  for (const report of reports) for (const id of report.page?.served.ids ?? []) served.set(id, (served.get(id) ?? 0) + 1);
  return { reports, served, duplicated: new Set(reports.flatMap((r) => r.duplicated)), mangled: reports.flatMap((r) => r.mangled) };
}

/**
 * The invariants of one sync, checked against the simulator's truth (`sim.world`) and what it says
 * it did (`sim.drift.reports`, reset before the sync):
 * - it returned a result (it never throws);
 * - it marked removed no record Pax8 still lists, and deleted no row;
 * - storage holds no string it cannot hold (U+0000, lone surrogates), every quarantine entry has a reason;
 * - a record served with U+0000 or a lone surrogate (once, in scope) is in quarantine;
 * - a run that ended succeeded with no flag (and did not resume an older pull) stored or quarantined every record in scope.
 */
export async function checkSync(entity: 'companies' | 'subscriptions', what: string, result: SyncResult | undefined, sim: Pax8Simulator, storage: MemoryStorage, connectionId: string, mapped: readonly string[], before: { companies: number; subscriptions: number }): Promise<void> {
  if (!result || typeof result !== 'object' || typeof result.outcome !== 'string') fail(`${what}: no result`);
  const truth = { companies: new Set(sim.world.companies.ids()), subscriptions: new Set(sim.world.subscriptions.ids()) };
  for (const e of ['companies', 'subscriptions'] as const) {
    for (const row of (await storage[e].list(connectionId, { includeRemoved: true, limit: 100_000 })).items) {
      if (row.removedAt !== null && truth[e].has(row.id)) fail(`${what}: ${e} ${row.id} is marked removed but Pax8 still lists it`);
    }
  }
  const after = await rowCounts(storage, connectionId);
  if (after.companies < before.companies || after.subscriptions < before.subscriptions) fail(`${what}: stored rows disappeared (${JSON.stringify(before)} -> ${JSON.stringify(after)})`);
  const unstorable = findUnstorableText(storage.rawRows(connectionId) as unknown as JsonValue);
  if (unstorable) fail(`${what}: storage holds text it cannot hold at ${unstorable.path}: ${unstorable.message}`);
  const quarantine = await storage.quarantine.list(connectionId);
  for (const q of quarantine) if (typeof q.reason !== 'string' || q.reason.trim() === '') fail(`${what}: quarantine entry ${q.entity}/${q.key} has no reason`);
  if (result?.outcome === 'failed' || result?.outcome === 'already-running' || result?.outcome === 'skipped' || result?.outcome === 'dry-run') return;

  const drift = driftOf(sim, entity);
  const quarantined = new Set(quarantine.filter((q) => q.entity === entity).map((q) => q.key));
  const inScope = (id: string) => entity === 'companies' || mapped.includes(sim.world.subscriptions.get(id)?.companyId ?? '');
  const onlyOnce = (id: string) => (drift.served.get(id) ?? 0) <= 1 && !drift.duplicated.has(id);
  for (const m of drift.mangled) {
    const bad = m.kind === 'oddUnicode' && (m.variant === 'nul' || m.variant === 'loneSurrogate');
    if (!bad || m.field === 'id' || m.field === 'companyId' || !inScope(m.id) || !onlyOnce(m.id)) continue;
    if (!quarantined.has(m.id)) fail(`${what}: ${m.id} was served with ${m.variant} in ${m.field} but is not in quarantine`);
  }
  // A run that resumed a pull read its earlier listings before the crash: what changed there since is
  // the next run's to pick up. A record served under a mangled id is, to any client, another record:
  // it pads the count and the record it hides is only missed until the next run. Every other complete
  // run must have everything in scope.
  const fakeIds = drift.mangled.some((m) => m.field === 'id');
  if (result?.outcome === 'succeeded' && result.flags.length === 0 && result.resumedFromRunId === null && !fakeIds) {
    const active = new Set(await storage[entity].listActiveIds(connectionId));
    const touched = new Set(drift.mangled.filter((m) => m.field === 'id' || m.field === 'companyId').map((m) => m.id));
    for (const id of truth[entity]) {
      if (!inScope(id) || touched.has(id)) continue;
      if (!active.has(id) && !quarantined.has(id)) fail(`${what}: ${entity} ${id} is listed by Pax8 and in scope, but neither stored nor quarantined after a complete run`);
    }
  }
}
