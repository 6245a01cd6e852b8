import type { ReconcileFinding, ReconcileSummary } from '@pax8-sync/core';

/** Prints one line. */
export type Print = (line: string) => void;

/** Names to show instead of ids. */
export interface Names {
  company(pax8CompanyId: string): string;
  product(productId: string): string;
}

/** `432.00 USD`. */
export const money = (amount: number, currency: string): string => `${amount.toFixed(2)} ${currency}`;

const pax8Side = (f: ReconcileFinding) => (f.pax8 ? `${f.pax8.quantity} = ${money(f.pax8.amount, f.pax8.currency)}` : '-');
const psaSide = (f: ReconcileFinding) => (f.psa ? `${f.psa.quantity} = ${money(f.psa.amount, f.psa.currency)}` : '-');
const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);

/** The table's header line. */
export const tableHeader = `${'company'.padEnd(28)}  ${'product'.padEnd(32)}  ${'kind'.padEnd(20)}  ${'Pax8'.padEnd(18)}  ${'PSA'.padEnd(18)}  at stake`;

/** One finding as a table row: company, product, kind, Pax8's and the PSA's units = amount, and the money at stake. */
export function findingRow(f: ReconcileFinding, names: Names): string {
  return `${cut(names.company(f.pax8CompanyId), 28)}  ${cut(names.product(f.productId), 32)}  ${f.kind.padEnd(20)}  ${pax8Side(f).padEnd(18)}  ${psaSide(f).padEnd(18)}  ${money(f.amountAtStake, f.currency)}`;
}

/** The money at stake per currency (`1,234.50 USD + 99.00 EUR`), as the summary totals it. */
export function totalLine(summary: ReconcileSummary): string {
  const perCurrency = Object.entries(summary.total.byCurrency).sort(([a], [b]) => (a < b ? -1 : 1));
  const text = perCurrency.length === 0 ? 'nothing' : perCurrency.map(([currency, amount]) => money(amount, currency)).join(' + ');
  return `Total at stake: ${text} (${summary.total.findings} findings in ${summary.companies.length} of ${summary.companiesCompared} companies)`;
}
