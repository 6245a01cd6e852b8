/** The date formats real Pax8 responses mix, sometimes within one record. */

const DAY_MS = 86_400_000;

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** `2020-12-03` (calendar date in UTC). */
export function formatDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** `2021-01-01T08:30:00Z` (no milliseconds) or `2021-01-01T08:30:00.123Z`. */
export function formatZulu(epochMs: number, withMillis = false): string {
  const iso = new Date(epochMs).toISOString();
  return withMillis ? iso : `${iso.slice(0, 19)}Z`;
}

/** `2023-08-11T11:33:12.314-0600`: local wall time at a fixed offset, offset without a colon. */
export function formatOffset(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** Adds whole days to an epoch. */
export function addDays(epochMs: number, days: number): number {
  return epochMs + days * DAY_MS;
}

/** Adds calendar months (UTC) to an epoch. */
export function addMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** Parses the formats Pax8 accepts and sends (ISO with `Z`, `±hh:mm`, `±hhmm`, or a bare date). */
export function parsePax8Date(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!m) return undefined;
  const [, date, time, zone] = m;
  let iso = `${date}T${time ?? '00:00:00'}`;
  if (zone === undefined || zone === 'Z') iso += 'Z';
  else iso += zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** One day in milliseconds. */
export const DAY = DAY_MS;
