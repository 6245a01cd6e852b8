import { createHash } from 'node:crypto';
import type { JsonValue } from '../storage/json';

/** JSON with object keys sorted, so equal content always serialises the same. */
export function stableStringify(value: JsonValue): string {
  const keys = new Set<string>();
  collectKeys(value, keys);
  // An array replacer lists the keys to keep, in order, for every object at any depth: one native
  // stringify with sorted keys instead of building the string by hand.
  return JSON.stringify(value, [...keys].sort());
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
