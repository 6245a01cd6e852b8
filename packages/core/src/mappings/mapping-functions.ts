import { type CompanyRef, type MatchSuggestion, quickMatch, type UnmatchedCompany } from '@pax8-sync/matcher';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncNotFoundError } from '../errors/not-found-error';
import { systemClock, type SyncClock } from '../engine/clock';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import type { CompanyMapping } from '../storage/mappings';
import { collectRecords } from '../storage/iterate-records';
import type { CompanyRecord } from '../storage/records';
import type { Pax8SyncStorage } from '../storage/storage';

/** Options every mapping function takes. */
export interface MappingOptions {
  /** The storage adapter. */
  storage: Pax8SyncStorage;
  /** The connection. */
  connectionId: string;
  /** Time source; default the wall clock. */
  clock?: SyncClock;
}

function allCompanies(storage: Pax8SyncStorage, connectionId: string): Promise<CompanyRecord[]> {
  return collectRecords(storage.companies, connectionId);
}

/** Options of {@link suggestMappings}. */
export interface SuggestMappingsOptions extends MappingOptions {
  /** The caller's PSA companies to match against. */
  psaCompanies: readonly CompanyRef[];
  /** Lowest similarity to suggest (0–1]; default the matcher's 0.4. */
  threshold?: number;
}

/** Result of {@link suggestMappings}. */
export interface SuggestMappingsResult {
  /** The new pending suggestions (stored). */
  suggestions: readonly MatchSuggestion[];
  /** Stored Pax8 companies left without a suggestion or confirmed mapping. */
  unmatchedPax8: readonly UnmatchedCompany[];
  /** PSA companies left without a suggestion or confirmed mapping. */
  unmatchedPsa: readonly UnmatchedCompany[];
}

/**
 * Runs Quick Match between the stored Pax8 companies and `psaCompanies`, and stores the
 * suggestions as `pending` (replacing earlier pending ones). Confirmed mappings are left alone and
 * rejected pairs are never suggested again.
 */
export async function suggestMappings(options: SuggestMappingsOptions): Promise<SuggestMappingsResult> {
  validateEngineDeps(options, { codec: false });
  const { storage, connectionId } = options;
  const companies = await allCompanies(storage, connectionId);
  const existing = await storage.mappings.list(connectionId);
  const pair = (m: CompanyMapping) => ({ pax8Id: m.pax8CompanyId, psaId: m.psaCompanyId });
  const result = quickMatch(
    companies.map((c) => ({ id: c.id, name: c.name })),
    options.psaCompanies,
    {
      confirmed: existing.filter((m) => m.state === 'confirmed').map(pair),
      rejected: existing.filter((m) => m.state === 'rejected').map(pair),
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    },
  );
  const now = (options.clock ?? systemClock).now();
  await storage.transaction(async (tx) => {
    const suggested = new Set(result.suggestions.map((s) => s.pax8Id));
    // A rejected pair keeps its row (so it is never suggested again) unless a new suggestion replaces it.
    const stale = existing.filter((m) => m.state === 'pending' && !suggested.has(m.pax8CompanyId)).map((m) => m.pax8CompanyId);
    await tx.mappings.deleteMany(connectionId, stale);
    await tx.mappings.upsertMany(
      result.suggestions.map((s) => ({ connectionId, pax8CompanyId: s.pax8Id, psaCompanyId: s.psaId, state: 'pending', score: s.score, source: 'quick-match', updatedAt: now })),
    );
  });
  return { suggestions: result.suggestions, unmatchedPax8: result.unmatchedPax8, unmatchedPsa: result.unmatchedPsa };
}

/** Options of {@link confirmMappings}. */
export interface ConfirmMappingsOptions extends MappingOptions {
  /** Confirm only these Pax8 companies' pending mappings; default all pending ("Save All"). */
  pax8CompanyIds?: readonly string[];
}

/** Confirms pending mappings ("Save All"); returns the confirmed mappings. */
export async function confirmMappings(options: ConfirmMappingsOptions): Promise<CompanyMapping[]> {
  validateEngineDeps(options, { codec: false });
  const { storage, connectionId } = options;
  const now = (options.clock ?? systemClock).now();
  return storage.transaction(async (tx) => {
    const only = options.pax8CompanyIds ? new Set(options.pax8CompanyIds) : undefined;
    const pending = (await tx.mappings.list(connectionId, { state: 'pending' })).filter((m) => !only || only.has(m.pax8CompanyId));
    const confirmed = pending.map((m) => ({ ...m, state: 'confirmed' as const, updatedAt: now }));
    await tx.mappings.upsertMany(confirmed);
    return confirmed;
  });
}

/** Options of {@link rejectMapping}. */
export interface RejectMappingOptions extends MappingOptions {
  /** The Pax8 company whose mapping is rejected. */
  pax8CompanyId: string;
}

/** Rejects the mapping of a Pax8 company; Quick Match never suggests that pair again. */
export async function rejectMapping(options: RejectMappingOptions): Promise<CompanyMapping> {
  validateEngineDeps(options, { codec: false });
  const current = await options.storage.mappings.get(options.connectionId, options.pax8CompanyId);
  if (!current) throw new Pax8SyncNotFoundError('mapping for Pax8 company', options.pax8CompanyId);
  const rejected: CompanyMapping = { ...current, state: 'rejected', updatedAt: (options.clock ?? systemClock).now() };
  await options.storage.mappings.upsertMany([rejected]);
  return rejected;
}

/** Options of {@link setMapping}. */
export interface SetMappingOptions extends MappingOptions {
  /** The stored Pax8 company. */
  pax8CompanyId: string;
  /** The caller's PSA company id. */
  psaCompanyId: string;
}

/** Maps a Pax8 company to a PSA company by hand (confirmed at once). */
export async function setMapping(options: SetMappingOptions): Promise<CompanyMapping> {
  validateEngineDeps(options, { codec: false });
  if (typeof options.psaCompanyId !== 'string' || options.psaCompanyId === '') {
    throw new Pax8SyncConfigError('psaCompanyId', 'is required: pass the id of the company in your PSA.');
  }
  const [company] = await options.storage.companies.getMany(options.connectionId, [options.pax8CompanyId]);
  if (!company || company.removedAt !== null) throw new Pax8SyncNotFoundError('Pax8 company (sync companies first)', options.pax8CompanyId);
  const mapping: CompanyMapping = {
    connectionId: options.connectionId,
    pax8CompanyId: options.pax8CompanyId,
    psaCompanyId: options.psaCompanyId,
    state: 'confirmed',
    score: null,
    source: 'manual',
    updatedAt: (options.clock ?? systemClock).now(),
  };
  await options.storage.mappings.upsertMany([mapping]);
  return mapping;
}

/** One row of {@link listMappings}: a stored Pax8 company and its mapping, if any. */
export interface MappingListItem {
  /** Pax8 company id. */
  pax8CompanyId: string;
  /** Pax8 company name. */
  pax8CompanyName: string;
  /** `mapped` (confirmed), `pending` (suggested), `rejected`, or `unmapped` (no mapping). */
  state: 'mapped' | 'pending' | 'rejected' | 'unmapped';
  /** The mapping, or `null`. */
  mapping: CompanyMapping | null;
}

/** Options of {@link listMappings}. */
export interface ListMappingsOptions extends MappingOptions {
  /** `mapped`: confirmed only; `unmapped`: everything without a confirmed mapping; `all` (default). */
  filter?: 'all' | 'mapped' | 'unmapped';
}

/** Lists the stored (not removed) Pax8 companies with their mapping state, ordered by company id. */
export async function listMappings(options: ListMappingsOptions): Promise<MappingListItem[]> {
  validateEngineDeps(options, { codec: false });
  const filter = options.filter ?? 'all';
  if (filter !== 'all' && filter !== 'mapped' && filter !== 'unmapped') {
    throw new Pax8SyncConfigError('filter', `must be "all", "mapped" or "unmapped" (got ${JSON.stringify(filter)}).`);
  }
  const companies = await allCompanies(options.storage, options.connectionId);
  const mappings = new Map((await options.storage.mappings.list(options.connectionId)).map((m) => [m.pax8CompanyId, m]));
  return companies
    .map((company): MappingListItem => {
      const mapping = mappings.get(company.id) ?? null;
      const state = mapping === null ? 'unmapped' : mapping.state === 'confirmed' ? 'mapped' : mapping.state;
      return { pax8CompanyId: company.id, pax8CompanyName: company.name, state, mapping };
    })
    .filter((item) => filter === 'all' || (filter === 'mapped' ? item.state === 'mapped' : item.state !== 'mapped'));
}
