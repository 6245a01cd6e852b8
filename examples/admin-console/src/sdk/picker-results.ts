import type { Pax8SyncStorage } from '@pax8-sync/core';
import type { PsaCompany, PsaDirectory } from '../console-deps';
import { findPsaCompanies } from './psa-search';
import type { PsaHolder } from './taken-psa-companies';

/** A PSA company found by the picker's search, and the Pax8 company that already has it, if any. */
export interface PickerResult extends PsaCompany {
  /** The Pax8 company it is mapped to, or `null` when it is free. */
  takenBy: PsaHolder | null;
}

/**
 * The manual mapping picker's answer to `query`: at most ten PSA companies from the directory's
 * search, each with the Pax8 company it is already mapped to (read from the confirmed mappings, so
 * one-to-one holds in what the picker offers).
 */
export async function pickerResults(deps: { storage: Pax8SyncStorage; psaDirectory: PsaDirectory }, connectionId: string, query: string): Promise<PickerResult[]> {
  const found = await findPsaCompanies(deps.psaDirectory, query);
  if (found.length === 0) return [];
  const wanted = new Set(found.map((c) => c.id));
  const holders = new Map((await deps.storage.mappings.list(connectionId, { state: 'confirmed' })).filter((m) => wanted.has(m.psaCompanyId)).map((m) => [m.psaCompanyId, m.pax8CompanyId]));
  const names = new Map((await deps.storage.companies.getMany(connectionId, [...new Set(holders.values())])).map((c) => [c.id, c.name]));
  return found.map((company) => {
    const pax8CompanyId = holders.get(company.id);
    return { id: company.id, name: company.name, takenBy: pax8CompanyId === undefined ? null : { pax8CompanyId, pax8CompanyName: names.get(pax8CompanyId) ?? pax8CompanyId } };
  });
}
