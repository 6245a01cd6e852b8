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

/**
 * The lines by PSA company: a function is asked per company (its lines checked then); an
 * (async) iterable is read and checked once, up front, and kept grouped. @internal
 */
export async function psaLinesSource(lines: PsaBillingLines): Promise<PsaLinesOf> {
  if (typeof lines === 'function') {
    return async (psaCompanyId) => {
      const got = await lines(psaCompanyId);
      if (!Array.isArray(got)) throw new Pax8SyncConfigError(`psaLines(${psaCompanyId})`, 'must return an array of PSA lines (empty when the company has none).');
      return got.map((line, i) => checkPsaLine(line, `psaLines(${psaCompanyId})[${i}]`));
    };
  }
  if (lines === null || typeof lines !== 'object' || (!(Symbol.iterator in lines) && !(Symbol.asyncIterator in lines))) {
    throw new Pax8SyncConfigError('psaLines', 'must be an array or (async) iterable of PSA lines, or a function (psaCompanyId) => lines.');
  }
  const byCompany = new Map<string, PsaBillingLine[]>();
  let index = 0;
  for await (const line of lines as AsyncIterable<PsaBillingLine>) {
    const checked = checkPsaLine(line, `psaLines[${index}]`);
    index += 1;
    const list = byCompany.get(checked.psaCompanyId) ?? [];
    list.push(checked);
    byCompany.set(checked.psaCompanyId, list);
  }
  return async (psaCompanyId) => byCompany.get(psaCompanyId) ?? [];
}
