import { type CompanyMapping, Pax8SyncError, type SuggestMappingsResult, type SyncEngine } from '@pax8-sync/core';
import type { PsaDirectory } from '../console-deps';
import { isConfigError, messageOf } from './field-errors';
import type { SyncJobs } from './sync-jobs';

/** Runs Quick Match against the PSA's companies and stores the suggestions as pending. */
export async function runQuickMatch(engine: SyncEngine, connectionId: string, psa: PsaDirectory): Promise<SuggestMappingsResult> {
  return engine.suggestMappings({ connectionId, psaCompanies: await psa.listCompanies() });
}

/** Accepts one pending suggestion; returns it confirmed, or `undefined` when it was no longer pending. */
export async function acceptSuggestion(engine: SyncEngine, connectionId: string, pax8CompanyId: string): Promise<CompanyMapping | undefined> {
  const [confirmed] = await engine.confirmMappings({ connectionId, pax8CompanyIds: [pax8CompanyId] });
  return confirmed;
}

/** Rejects a suggestion (or a mapping): Quick Match never suggests that pair again. */
export function rejectSuggestion(engine: SyncEngine, connectionId: string, pax8CompanyId: string): Promise<CompanyMapping> {
  return engine.rejectMapping({ connectionId, pax8CompanyId });
}

/** "Save All": confirms every pending suggestion; returns how many. */
export async function saveAllSuggestions(engine: SyncEngine, connectionId: string): Promise<number> {
  return (await engine.confirmMappings({ connectionId })).length;
}

/** What {@link mapManually} did: the mapping, or the reason to show beside the dropdown. */
export type ManualMappingResult = { ok: true; mapping: CompanyMapping } | { ok: false; error: string };

/**
 * Maps a Pax8 company to the PSA company chosen in the dropdown. A blank choice is refused by the
 * SDK (`Pax8SyncConfigError` naming `psaCompanyId`); an id the PSA does not have is refused here.
 */
export async function mapManually(engine: SyncEngine, psa: PsaDirectory, input: { connectionId: string; pax8CompanyId: string; psaCompanyId: string }): Promise<ManualMappingResult> {
  if (input.psaCompanyId !== '' && !(await psa.listCompanies()).some((c) => c.id === input.psaCompanyId)) {
    return { ok: false, error: 'is not one of your PSA companies: choose one from the list.' };
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
