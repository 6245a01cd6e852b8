import { Pax8SyncConfigError } from '../errors/config-error';
import type { PsaBillingLine, PsaBillingLines } from './reconcile-types';

const text = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const amount = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Checks one PSA line; `at` names it in the error (`psaLines[3]`).
 * @throws `Pax8SyncConfigError` naming the field and what it must be.
 */
export function checkPsaLine(line: unknown, at: string): PsaBillingLine {
  if (typeof line !== 'object' || line === null) throw new Pax8SyncConfigError(at, 'must be an object { psaCompanyId, pax8ProductId, quantity, unitPrice, currency }.');
  const l = line as Record<string, unknown>;
  const fail = (field: string, fix: string): never => {
    throw new Pax8SyncConfigError(`${at}.${field}`, fix);
  };
  if (!text(l.psaCompanyId)) fail('psaCompanyId', 'must be the PSA company id, a non-empty string.');
  if (!text(l.pax8ProductId)) fail('pax8ProductId', 'must be the Pax8 product id, a non-empty string.');
  if (l.pax8SubscriptionId !== undefined && !text(l.pax8SubscriptionId)) fail('pax8SubscriptionId', 'must be the Pax8 subscription id, or left out.');
  if (!amount(l.quantity)) fail('quantity', 'must be a finite number, 0 or more.');
  if (!amount(l.unitPrice)) fail('unitPrice', 'must be a finite number, 0 or more (the price per unit billed).');
  if (typeof l.currency !== 'string' || !/^[A-Z]{3}$/.test(l.currency)) fail('currency', 'must be an ISO 4217 code in capitals, such as USD.');
  if (l.lineId !== undefined && !text(l.lineId)) fail('lineId', 'must be a non-empty string, or left out.');
  return line as PsaBillingLine;
}

/** The lines of one PSA company, as the pass reaches it. @internal */
export type PsaLinesOf = (psaCompanyId: string) => Promise<readonly PsaBillingLine[]>;

/** The PSA lines as the pass reads them, and (for an array or iterable) those no mapping reaches. @internal */
export interface PsaLinesSource {
  of: PsaLinesOf;
  /** Lines of PSA companies not in `mapped` (never compared), or `null` for the function form. */
  unmatched(mapped: ReadonlySet<string>): { lines: number; psaCompanies: number } | null;
}

/**
 * A `lineId` given twice is refused: a paged export repeating a line across a page boundary would
 * double the PSA's quantity. `at(i)` names line `i` in the error.
 * @throws `Pax8SyncConfigError` naming the repeated line and the first one.
 */
function refuseRepeatedLineId(seen: Map<string, number>, line: PsaBillingLine, index: number, at: (i: number) => string): void {
  if (line.lineId === undefined) return;
  const first = seen.get(line.lineId);
  if (first !== undefined) throw new Pax8SyncConfigError(`${at(index)}.lineId`, `repeats ${at(first)}.lineId (${JSON.stringify(line.lineId)}): give each PSA line once (a repeated line would be billed twice).`);
  seen.set(line.lineId, index);
}

/**
 * The lines by PSA company: a function is asked per company (its lines checked then, a `lineId`
 * repeated within them refused); an (async) iterable is read and checked once, up front (a `lineId`
 * repeated anywhere refused), and kept grouped. @internal
 */
export async function psaLinesSource(lines: PsaBillingLines): Promise<PsaLinesSource> {
  if (typeof lines === 'function') {
    const of: PsaLinesOf = async (psaCompanyId) => {
      const got = await lines(psaCompanyId);
      if (!Array.isArray(got)) throw new Pax8SyncConfigError(`psaLines(${psaCompanyId})`, 'must return an array of PSA lines (empty when the company has none).');
      const at = (i: number) => `psaLines(${psaCompanyId})[${i}]`;
      const seen = new Map<string, number>();
      return got.map((line, i) => {
        const checked = checkPsaLine(line, at(i));
        refuseRepeatedLineId(seen, checked, i, at);
        return checked;
      });
    };
    return { of, unmatched: () => null };
  }
  if (lines === null || typeof lines !== 'object' || (!(Symbol.iterator in lines) && !(Symbol.asyncIterator in lines))) {
    throw new Pax8SyncConfigError('psaLines', 'must be an array or (async) iterable of PSA lines, or a function (psaCompanyId) => lines.');
  }
  const byCompany = new Map<string, PsaBillingLine[]>();
  const seen = new Map<string, number>();
  const at = (i: number) => `psaLines[${i}]`;
  let index = 0;
  for await (const line of lines as AsyncIterable<PsaBillingLine>) {
    const checked = checkPsaLine(line, at(index));
    refuseRepeatedLineId(seen, checked, index, at);
    index += 1;
    const list = byCompany.get(checked.psaCompanyId) ?? [];
    list.push(checked);
    byCompany.set(checked.psaCompanyId, list);
  }
  return {
    of: async (psaCompanyId) => byCompany.get(psaCompanyId) ?? [],
    unmatched: (mapped) => {
      const outside = [...byCompany].filter(([id]) => !mapped.has(id));
      return { lines: outside.reduce((t, [, l]) => t + l.length, 0), psaCompanies: outside.length };
    },
  };
}
