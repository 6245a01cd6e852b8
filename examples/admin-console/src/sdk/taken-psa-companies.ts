import type { MappingListItem } from '@pax8-sync/core';

/** The Pax8 company a PSA company is taken by. */
export interface PsaHolder {
  /** Pax8 company id. */
  pax8CompanyId: string;
  /** Pax8 company name. */
  pax8CompanyName: string;
}

/** PSA company id → the Pax8 company it is mapped to (confirmed mappings only). Pure. */
export function takenPsaCompanies(items: readonly MappingListItem[]): Map<string, PsaHolder> {
  const taken = new Map<string, PsaHolder>();
  for (const item of items) {
    if (item.state === 'mapped' && item.mapping) taken.set(item.mapping.psaCompanyId, { pax8CompanyId: item.pax8CompanyId, pax8CompanyName: item.pax8CompanyName });
  }
  return taken;
}

/** A pending suggestion that must not be confirmed, and the Pax8 company that holds its PSA company. */
export interface BlockedSuggestion {
  /** The pending suggestion. */
  item: MappingListItem;
  /** Who has its PSA company. */
  holder: PsaHolder;
}

/** What {@link partitionPending} found. */
export interface PendingPartition {
  /** Pending suggestions that may be confirmed (their PSA company is free). */
  confirmable: MappingListItem[];
  /** Pending suggestions whose PSA company is already mapped to another Pax8 company. */
  blocked: BlockedSuggestion[];
}

/**
 * Keeps mappings one-to-one: a pending suggestion whose PSA company is already mapped to another
 * Pax8 company (say, by hand after Quick Match ran) is blocked. Suggestions are taken strongest
 * first, so of two pending suggestions for one PSA company only the stronger is confirmable. Pure.
 */
export function partitionPending(items: readonly MappingListItem[]): PendingPartition {
  const taken = takenPsaCompanies(items);
  const pending = items.filter((item) => item.state === 'pending' && item.mapping).sort((a, b) => (b.mapping?.score ?? 0) - (a.mapping?.score ?? 0));
  const result: PendingPartition = { confirmable: [], blocked: [] };
  for (const item of pending) {
    const psaCompanyId = item.mapping?.psaCompanyId ?? '';
    const holder = taken.get(psaCompanyId);
    if (holder && holder.pax8CompanyId !== item.pax8CompanyId) {
      result.blocked.push({ item, holder });
      continue;
    }
    result.confirmable.push(item);
    taken.set(psaCompanyId, { pax8CompanyId: item.pax8CompanyId, pax8CompanyName: item.pax8CompanyName });
  }
  return result;
}
