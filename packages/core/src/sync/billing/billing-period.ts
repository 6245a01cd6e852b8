import { Pax8SyncConfigError } from '../../errors/config-error';

/** A month as `YYYY-MM`. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month (`YYYY-MM`, UTC) of an epoch time. */
export function periodOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** A date as Pax8 writes it: `2026-06-01`, `2026-06-01T00:00:00.000-0600`, `…Z`. */
const WRITTEN_DATE = /^(\d{4}-(?:0[1-9]|1[0-2]))-\d{2}(?:$|T)/;

/**
 * The month (`YYYY-MM`) of a date as Pax8 wrote it, in its own offset: `2026-05-31T18:00:00-0600` is
 * May, though it is 1 June in UTC. `undefined` for anything that is no such date.
 */
export function periodWritten(date: unknown): string | undefined {
  return typeof date === 'string' ? WRITTEN_DATE.exec(date)?.[1] : undefined;
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
