import { PAX8_ODD_UNICODE, type Pax8OddUnicode, type Pax8RecordDriftKind } from './drift-kinds';
import type { Random } from './random';

/** What was done to one served record: enough for a test to tell what the client should have made of it. */
export interface Pax8DriftMangle {
  /** The record's true id (also when the mangle removed or changed `id`). */
  id: string;
  /** The kind applied. */
  kind: Pax8RecordDriftKind;
  /** The top-level field changed, added or removed. */
  field: string;
  /** The odd Unicode inserted (`oddUnicode` only). */
  variant?: Pax8OddUnicode;
  /** Plain words: `quantity: number -> string "12"`, `name: 1000000 characters`, `status: 'PendingReview'`. */
  detail: string;
}

/** A mangle a test pins onto one record with `sim.drift.mangle(id, ...)`; unset parts are drawn from the seed. */
export interface Pax8RecordMangle {
  /** The kind to apply. */
  kind: Pax8RecordDriftKind;
  /** The field to change (default: drawn among the fields the kind applies to). */
  field?: string;
  /** `oddUnicode`: the variant to insert (default: drawn from the `unicode` setting). */
  variant?: Pax8OddUnicode;
  /** `mistypedField`: the value to serve instead (default: the field's value in another JSON type). */
  value?: unknown;
  /** `hugeString`: its length in characters (default: the `hugeStringLength` setting). */
  length?: number;
}

/** Settings record drift draws from. */
export interface RecordDriftSettings {
  /** Fields record kinds may pick (default: every field of the record). */
  fields: readonly string[] | undefined;
  /** Length of a huge string. */
  hugeStringLength: number;
  /** Odd Unicode variants to draw from. */
  unicode: readonly Pax8OddUnicode[];
}

type Json = Record<string, unknown>;

const NEW_ENUM_VALUES: Record<string, string> = { status: 'PendingReview', billingTerm: 'Quarterly', type: 'Hybrid', finalStatus: 'THROTTLED' };
const DATE_FIELD = /Date$|At$/;
const HUGE_PATTERN = 'Pax8 drift huge string. ';

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function oddDate(value: string): string {
  // Seen from Pax8 over the years: a space instead of `T`, no zone, and US-style dates.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(value);
  if (!m) return value;
  return m[4] ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}` : `${m[2]}/${m[3]}/${m[1]}`;
}

/** The same value in another JSON type. */
export function mistype(value: unknown): unknown {
  switch (typeOf(value)) {
    case 'number':
      return String(value);
    case 'string':
      return (value as string).length;
    case 'boolean':
      return String(value);
    case 'array':
      return { length: (value as unknown[]).length };
    case 'object':
      return JSON.stringify(value);
    default:
      return 0;
  }
}

/** `text` with `insert` placed at its middle code point (so no surrogate pair of `text` is split). */
function insertMiddle(text: string, insert: string): string {
  const points = Array.from(text);
  const at = Math.floor(points.length / 2);
  return `${points.slice(0, at).join('')}${insert}${points.slice(at).join('')}`;
}

function candidates(record: Json, kind: Pax8RecordDriftKind, settings: RecordDriftSettings): string[] {
  const keys = Object.keys(record).filter((k) => settings.fields === undefined || settings.fields.includes(k));
  switch (kind) {
    case 'hugeString':
    case 'oddUnicode':
      return keys.filter((k) => typeof record[k] === 'string');
    case 'oddDate':
      return keys.filter((k) => DATE_FIELD.test(k) && typeof record[k] === 'string' && oddDate(record[k] as string) !== record[k]);
    case 'newEnumValue':
      return keys.filter((k) => k in NEW_ENUM_VALUES && typeof record[k] === 'string');
    default:
      return keys;
  }
}

/**
 * Applies one record drift to a copy of `record`. Returns the drifted copy and what was done, or
 * undefined when the kind finds nothing to change (no string field for `oddUnicode`, no date for `oddDate`).
 */
export function mangleRecord(record: Json, trueId: string, spec: Pax8RecordMangle, rng: Random, settings: RecordDriftSettings): { record: Json; mangle: Pax8DriftMangle } | undefined {
  const { kind } = spec;
  const out: Json = { ...record };
  if (kind === 'unknownField' && spec.field === undefined) {
    out.pax8Metadata = { source: 'marketplace', revision: 2 };
    out.isNewCommerce = true;
    return { record: out, mangle: { id: trueId, kind, field: 'pax8Metadata', detail: 'added pax8Metadata and isNewCommerce' } };
  }
  const pool = candidates(record, kind, settings);
  const field = spec.field ?? (pool.length > 0 ? rng.pick(pool) : undefined);
  if (field === undefined) {
    // A record without an enum field still drifts, as before: an unknown nested block.
    if (kind !== 'newEnumValue') return undefined;
    out.pax8Metadata = { tier: 'Platinum' };
    return { record: out, mangle: { id: trueId, kind, field: 'pax8Metadata', detail: 'added pax8Metadata (no enum field to change)' } };
  }
  const before = record[field];
  let detail: string;
  let variant: Pax8OddUnicode | undefined;
  switch (kind) {
    case 'unknownField':
      out[field] = spec.value ?? { drift: true };
      detail = `added ${field}`;
      break;
    case 'newEnumValue':
      out[field] = spec.value ?? NEW_ENUM_VALUES[field] ?? 'PendingReview';
      detail = `${field}: ${show(before)} -> ${show(out[field])}`;
      break;
    case 'oddDate':
      out[field] = typeof before === 'string' ? oddDate(before) : before;
      detail = `${field}: ${show(before)} -> ${show(out[field])}`;
      break;
    case 'missingField':
      delete out[field];
      detail = `${field} removed (was ${typeOf(before)})`;
      break;
    case 'mistypedField':
      out[field] = 'value' in spec ? spec.value : mistype(before);
      detail = `${field}: ${typeOf(before)} -> ${typeOf(out[field])} ${show(out[field])}`;
      break;
    case 'hugeString': {
      const length = spec.length ?? settings.hugeStringLength;
      const seed = typeof before === 'string' ? `${before} ` : '';
      out[field] = (seed + HUGE_PATTERN.repeat(Math.ceil(length / HUGE_PATTERN.length))).slice(0, length);
      detail = `${field}: ${length} characters`;
      break;
    }
    case 'oddUnicode': {
      variant = spec.variant ?? rng.pick(settings.unicode);
      out[field] = insertMiddle(typeof before === 'string' ? before : String(before ?? ''), PAX8_ODD_UNICODE[variant]);
      detail = `${field}: ${variant} inserted`;
      break;
    }
  }
  return { record: out, mangle: { id: trueId, kind, field, ...(variant ? { variant } : {}), detail } };
}
