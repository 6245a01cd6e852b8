import { Pax8SyncConfigError } from '../../errors/config-error';

/** A month as `YYYY-MM`. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month (`YYYY-MM`, UTC) of an epoch time. */
export function periodOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** Pax8's clock at its furthest behind UTC (US Mountain Standard Time, -0700): its month turns 7 h after UTC's. */
const PAX8_BEHIND_MS = 7 * 3_600_000;

/**
 * The month Pax8's own clock is in at `epochMs` (`YYYY-MM`), taking it at -0700: for the first hours
 * of a UTC month Pax8 is still in the month before (its "current month" listings are of that month).
 */
export function pax8PeriodOf(epochMs: number): string {
  return periodOf(epochMs - PAX8_BEHIND_MS);
}

/** The month before `period`. */
export function previousPeriod(period: string): string {
  const [year, month] = parsePeriod(period, 'period');
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The first and the last day of `period`, `YYYY-MM-DD`. */
export function periodDays(period: string): { first: string; last: string } {
  const [year, month] = parsePeriod(period, 'period');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(last).padStart(2, '0')}` };
}

/**
 * `[year, month]` of a `YYYY-MM` text.
 * @throws `Pax8SyncConfigError` naming `field` when it is not a month such as `2026-06`.
 */
export function parsePeriod(period: unknown, field: string): [number, number] {
  const match = typeof period === 'string' ? PERIOD.exec(period) : null;
  if (!match) throw new Pax8SyncConfigError(field, `must be a month written YYYY-MM, such as 2026-06; got ${JSON.stringify(period) ?? String(period)}.`);
  return [Number(match[1]), Number(match[2])];
}
