import { type CompanyMapping, Pax8SyncError, type SuggestMappingsResult, type SyncEngine } from '@pax8-sync/core';
import type { PsaDirectory } from '../console-deps';
import { isConfigError, messageOf } from './field-errors';
import type { SyncJobs } from './sync-jobs';
import { partitionPending, type PsaHolder, takenPsaCompanies } from './taken-psa-companies';

/** Runs Quick Match against the PSA's companies and stores the suggestions as pending. */
export async function runQuickMatch(engine: SyncEngine, connectionId: string, psa: PsaDirectory): Promise<SuggestMappingsResult> {
  return engine.suggestMappings({ connectionId, psaCompanies: await psa.listCompanies() });
}

/** What {@link acceptSuggestion} did. */
export type AcceptResult = { outcome: 'accepted'; mapping: CompanyMapping } | { outcome: 'not-pending' } | { outcome: 'taken'; holder: PsaHolder };

/**
 * Accepts one pending suggestion, unless its PSA company is already mapped to another Pax8 company
 * (mappings stay one-to-one) or it is no longer pending.
 */
export async function acceptSuggestion(engine: SyncEngine, connectionId: string, pax8CompanyId: string): Promise<AcceptResult> {
  const { blocked } = partitionPending(await engine.listMappings({ connectionId }));
  const conflict = blocked.find((b) => b.item.pax8CompanyId === pax8CompanyId);
  if (conflict) return { outcome: 'taken', holder: conflict.holder };
  const [confirmed] = await engine.confirmMappings({ connectionId, pax8CompanyIds: [pax8CompanyId] });
  return confirmed ? { outcome: 'accepted', mapping: confirmed } : { outcome: 'not-pending' };
}

/** Rejects a suggestion (or a mapping): Quick Match never suggests that pair again. */
export function rejectSuggestion(engine: SyncEngine, connectionId: string, pax8CompanyId: string): Promise<CompanyMapping> {
  return engine.rejectMapping({ connectionId, pax8CompanyId });
}

/** What {@link saveAllSuggestions} did. */
export interface SaveAllResult {
  /** Suggestions confirmed. */
  confirmed: number;
  /** Suggestions left pending because their PSA company is already mapped to another Pax8 company. */
  skipped: number;
}

/**
 * "Save All": confirms every pending suggestion whose PSA company is free, and leaves pending (for
 * a person to reject or map otherwise) those whose PSA company is already mapped to another Pax8
 * company, so a manual mapping made after Quick Match ran is never doubled.
 */
export async function saveAllSuggestions(engine: SyncEngine, connectionId: string): Promise<SaveAllResult> {
  const { confirmable, blocked } = partitionPending(await engine.listMappings({ connectionId }));
  if (confirmable.length === 0) return { confirmed: 0, skipped: blocked.length };
  const confirmed = await engine.confirmMappings({ connectionId, pax8CompanyIds: confirmable.map((item) => item.pax8CompanyId) });
  return { confirmed: confirmed.length, skipped: blocked.length };
}

/** What {@link mapManually} did: the mapping, or the reason to show beside the dropdown. */
export type ManualMappingResult = { ok: true; mapping: CompanyMapping } | { ok: false; error: string };

/**
 * Maps a Pax8 company to the PSA company chosen in the picker. A blank choice is refused by the
 * SDK (`Pax8SyncConfigError` naming `psaCompanyId`); an id the PSA does not have, and a PSA
 * company already mapped to another Pax8 company (mappings stay one-to-one), are refused here.
 */
export async function mapManually(engine: SyncEngine, psa: PsaDirectory, input: { connectionId: string; pax8CompanyId: string; psaCompanyId: string }): Promise<ManualMappingResult> {
  if (input.psaCompanyId !== '' && !(await psa.listCompanies()).some((c) => c.id === input.psaCompanyId)) {
    return { ok: false, error: 'is not one of your PSA companies: choose one from the list.' };
  }
  const holder = takenPsaCompanies(await engine.listMappings({ connectionId: input.connectionId })).get(input.psaCompanyId);
  if (holder && holder.pax8CompanyId !== input.pax8CompanyId) {
    return { ok: false, error: `is already mapped to the Pax8 company "${holder.pax8CompanyName}": choose another one, or map "${holder.pax8CompanyName}" to another company first.` };
  }
  try {
    return { ok: true, mapping: await engine.setMapping(input) };
  } catch (error) {
    if (isConfigError(error)) return { ok: false, error: messageOf(error) };
    if (Pax8SyncError.isInstance(error) && error.code === 'not-found') return { ok: false, error: error.message };
    throw error;
  }
}

/** How many companies are mapped: the wizard goes on to Complete only with at least one. */
export async function mappedCount(engine: SyncEngine, connectionId: string): Promise<number> {
  return (await engine.listMappings({ connectionId, filter: 'mapped' })).length;
}

/**
 * The step from Connect to Map: syncs the Pax8 companies (waiting for the sync) and runs Quick
 * Match. Returns the number of suggestions, or the reason the company sync did not complete.
 */
export async function syncCompaniesAndSuggest(
  deps: { engine: SyncEngine; jobs: SyncJobs; psaDirectory: PsaDirectory },
  connectionId: string,
): Promise<{ ok: true; suggestions: number } | { ok: false; reason: string }> {
  const job = deps.jobs.start(connectionId, 'companies');
  await job.done;
  const result = job.result;
  if (job.error !== null) return { ok: false, reason: job.error };
  if (result === null || result.outcome === 'failed') return { ok: false, reason: `the company sync failed: ${result?.error ?? 'unknown reason'}` };
  if (result.outcome === 'already-running') return { ok: false, reason: 'another worker is syncing the companies right now; try again in a minute' };
  const suggested = await runQuickMatch(deps.engine, connectionId, deps.psaDirectory);
  return { ok: true, suggestions: suggested.suggestions.length };
}
