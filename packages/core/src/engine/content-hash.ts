import { createHash } from 'node:crypto';
import type { JsonValue } from '../storage/json';

/** JSON with object keys sorted, so equal content always serialises the same. */
export function stableStringify(value: JsonValue): string {
  const sorted = sortedCopy(value);
  if (sorted !== undefined) return JSON.stringify(sorted);
  const keys = new Set<string>();
  collectKeys(value, keys);
  // An array replacer lists the keys to keep, in order, for every object at any depth.
  return JSON.stringify(value, [...keys].sort());
}

const isIndexKey = (key: string): boolean => key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57 && /^(0|[1-9]\d*)$/.test(key);

/**
 * A copy with every object's keys inserted in sorted order, for one native (fast-path) stringify:
 * the same text as the sorted-replacer form, about twice as fast. `undefined` when an object holds an
 * array-index key ("0", "12"): JavaScript orders those first whatever the insertion order, so only
 * the replacer form sorts them as text (and stored hashes stay what they were).
 */
function sortedCopy(value: JsonValue): JsonValue | undefined {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item = sortedCopy(value[i] as JsonValue);
      if (item === undefined) return undefined;
      out[i] = item;
    }
    return out;
  }
  // No prototype: a `__proto__` key is then an own key like any other, as in the replacer form.
  const out: { [key: string]: JsonValue } = Object.create(null);
  for (const key of Object.keys(value).sort()) {
    if (isIndexKey(key)) return undefined;
    const item = value[key];
    if (item === undefined) continue;
    const copy = sortedCopy(item);
    if (copy === undefined) return undefined;
    out[key] = copy;
  }
  return out;
}

function collectKeys(value: JsonValue, keys: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys);
    return;
  }
  for (const key of Object.keys(value)) {
    keys.add(key);
    collectKeys(value[key] as JsonValue, keys);
  }
}

/** The content hash of a row: SHA-256 (base64url) of its stable JSON. */
export function contentHash(value: JsonValue): string {
  return createHash('sha256').update(stableStringify(value)).digest('base64url');
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return stableStringify(a) === stableStringify(b);
}

/** Turns a parsed record into plain JSON like a JSON round trip would (drops `undefined` and functions, keeps `null`). */
export function toJsonObject(value: unknown): { [key: string]: JsonValue } {
  const json = toJson(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}

function toJson(value: unknown): JsonValue {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object': {
      if (Array.isArray(value)) return value.map((item) => (item === undefined || typeof item === 'function' ? null : toJson(item)));
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return toJson((value as { toJSON: () => unknown }).toJSON());
      const out: { [key: string]: JsonValue } = {};
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && typeof item !== 'function' && typeof item !== 'symbol') out[key] = toJson(item);
      }
      return out;
    }
    default:
      return null;
  }
}
