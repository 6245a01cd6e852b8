import type { CompanyMapping } from '../storage/mappings';
import type { CompanyViews } from './company-views';
import type { ReconcileFinding } from './reconcile-types';

/** The Pax8 companies one PSA company bills, compared together. @internal */
export interface PsaCompanyGroup {
  psaCompanyId: string;
  /** In id order; the first one's place is where the group is compared in the pass. */
  pax8CompanyIds: string[];
}

/**
 * The confirmed mappings grouped by PSA company, in the order of each group's first Pax8 company id.
 * Several Pax8 companies can map to one PSA company (a customer with two Pax8 tenants, billed as one):
 * the PSA's lines are then compared once against all their charges, not against each one in turn
 * (which counted every PSA line once per Pax8 company). @internal
 */
export function groupByPsaCompany(mappings: readonly Pick<CompanyMapping, 'pax8CompanyId' | 'psaCompanyId'>[]): PsaCompanyGroup[] {
  const groups = new Map<string, PsaCompanyGroup>();
  const sorted = [...mappings].sort((a, b) => (a.pax8CompanyId < b.pax8CompanyId ? -1 : a.pax8CompanyId > b.pax8CompanyId ? 1 : 0));
  for (const { pax8CompanyId, psaCompanyId } of sorted) {
    const group = groups.get(psaCompanyId);
    if (group) group.pax8CompanyIds.push(pax8CompanyId);
    else groups.set(psaCompanyId, { psaCompanyId, pax8CompanyIds: [pax8CompanyId] });
  }
  return [...groups.values()];
}

/** The views of several Pax8 companies as one: their charges and subscriptions together. @internal */
export function mergeViews(views: readonly CompanyViews[]): CompanyViews {
  return {
    source: views.some((v) => v.source === 'invoice') ? 'invoice' : 'draft',
    charges: views.flatMap((v) => v.charges),
    subscriptions: views.flatMap((v) => v.subscriptions),
  };
}

/**
 * Attributes the findings of a merged group to their Pax8 companies: a finding's subscription's
 * company, else the one company every subscription of the product belongs to, else the group's
 * first. @internal
 */
export function attributeFindings(findings: readonly ReconcileFinding[], views: CompanyViews, group: PsaCompanyGroup): ReconcileFinding[] {
  if (group.pax8CompanyIds.length === 1) return [...findings];
  const companyOf = new Map(views.subscriptions.map((s) => [s.id, s.companyId]));
  return findings.map((finding) => {
    const own = finding.subscriptionId === null ? undefined : companyOf.get(finding.subscriptionId);
    const companies = new Set(finding.synced.subscriptions.map((s) => companyOf.get(s.id)));
    const only = companies.size === 1 ? [...companies][0] : undefined;
    return { ...finding, pax8CompanyId: own ?? only ?? group.pax8CompanyIds[0]! };
  });
}
