import type { SyncedRecordBase } from '@pax8-sync/core';
import { cmp } from './connection-store';

/** Most companies a listing may name to be served from the index (more: the rows are walked instead). */
const FEW = 64;

interface CompanyIndex {
  /** Whether the rows have a company column at all (companies and products do not). */
  hasColumn: boolean;
  /** Company id → ids of its rows, in code-point order. */
  ids: Map<string, string[]>;
}

/**
 * Row ids by company, per rows' map (shared by every store instance, transactions included), built
 * when a listing names a few companies and dropped at every write and every rollback of one: a
 * reconciliation reading company after company does not walk every row of the tenant each time.
 */
const indexOf = new WeakMap<Map<string, unknown>, CompanyIndex>();

/** Forgets the index of a rows' map (after a write, or its rollback). */
export function dropCompanyIndex(byId: Map<string, unknown>): void {
  indexOf.delete(byId);
}

function build(byId: Map<string, SyncedRecordBase>): CompanyIndex {
  const index: CompanyIndex = { hasColumn: false, ids: new Map() };
  for (const [id, row] of byId) {
    const columns = row as unknown as Record<string, unknown>;
    if (!('companyId' in columns)) continue;
    index.hasColumn = true;
    const companyId = columns.companyId;
    if (typeof companyId !== 'string') continue;
    const list = index.ids.get(companyId);
    if (list) list.push(id);
    else index.ids.set(companyId, [id]);
  }
  for (const list of index.ids.values()) list.sort(cmp);
  indexOf.set(byId, index);
  return index;
}

/**
 * The ids, in code-point order, that may match a listing of `companyIds`: only those companies' rows
 * when they are few and the rows have a company column; otherwise `undefined` (walk every row).
 */
export function idsOfCompanies(byId: Map<string, SyncedRecordBase>, companyIds: readonly string[] | undefined): string[] | undefined {
  if (companyIds === undefined || companyIds.length > FEW) return undefined;
  const index = indexOf.get(byId) ?? build(byId);
  if (!index.hasColumn) return undefined;
  const unique = [...new Set(companyIds)];
  if (unique.length === 1) return index.ids.get(unique[0]!) ?? [];
  return unique.flatMap((c) => index.ids.get(c) ?? []).sort(cmp);
}
