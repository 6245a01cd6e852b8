import { hash } from 'node:crypto';
import type { JsonValue } from '../storage/json';

/** JSON with object keys sorted, so equal content always serialises the same. */
export function stableStringify(value: JsonValue): string {
  const sorted = shapedCopy(value, 0);
  if (sorted !== SLOW) return JSON.stringify(sorted);
  const keys = new Set<string>();
  collectKeys(value, keys);
  // An array replacer lists the keys to keep, in order, for every object at any depth.
  return JSON.stringify(value, [...keys].sort());
}

const isIndexKey = (key: string): boolean => key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57 && /^(0|[1-9]\d*)$/.test(key);

/** `shapedCopy`'s answer for a value only the replacer form serialises right (an array-index key). */
const SLOW: unique symbol = Symbol('slow');

/** Per depth, the keys of the last object met there and the same keys sorted (records of a page share shapes). */
const seenKeys: string[][] = [];
const sortedKeys: string[][] = [];

/** The keys of `value` sorted, from the cache when the object at this depth before had the same keys in the same order. */
function keysInOrder(value: object, depth: number): string[] {
  const keys = Object.keys(value);
  const seen = seenKeys[depth];
  if (seen !== undefined && seen.length === keys.length) {
    let same = true;
    for (let i = 0; i < keys.length; i += 1) {
      if (seen[i] !== keys[i]) {
        same = false;
        break;
      }
    }
    if (same) return sortedKeys[depth] as string[];
  }
  const sorted = keys.slice().sort();
  seenKeys[depth] = keys;
  sortedKeys[depth] = sorted;
  return sorted;
}

/**
 * A copy with every object's keys inserted in sorted order, for one native (fast-path) stringify:
 * the same text as the sorted-replacer form, several times as fast. Ordinary objects (V8 keeps them
 * in fast mode, which its stringify walks quickest), and each depth's sorted key order reused while
 * shapes repeat. An own `__proto__` key is defined as an own property, content like any other key.
 * {@link SLOW} when an object holds an array-index key ("0", "12"): JavaScript orders those first
 * whatever the insertion order, so only the replacer form sorts them as text (and stored hashes stay
 * what they were).
 */
function shapedCopy(value: JsonValue, depth: number): JsonValue | typeof SLOW {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item = shapedCopy(value[i] as JsonValue, depth + 1);
      if (item === SLOW) return SLOW;
      out[i] = item;
    }
    return out;
  }
  const out: { [key: string]: JsonValue } = {};
  const keys = keysInOrder(value, depth);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if (isIndexKey(key)) return SLOW;
    const item = value[key];
    if (item === undefined) continue;
    const copy = shapedCopy(item, depth + 1);
    if (copy === SLOW) return SLOW;
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
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

/** SHA-256 of a text, base64url: one-shot (`crypto.hash`), about twice as fast as a `Hash` object for a record's text. @internal */
export const sha256Base64url = (text: string): string => hash('sha256', text, 'base64url');

/** The content hash of a row: SHA-256 (base64url) of its stable JSON. */
export function contentHash(value: JsonValue): string {
  return sha256Base64url(stableStringify(value));
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return stableStringify(a) === stableStringify(b);
}

/** Turns a parsed record into plain JSON like a JSON round trip would (drops `undefined` and functions, keeps `null`). */
export function toJsonObject(value: unknown): { [key: string]: JsonValue } {
  // A validated record is nearly always plain JSON already: checking costs a walk, copying a walk and every object again.
  if (isPlainJson(value) && value !== null && typeof value === 'object' && !Array.isArray(value)) return value as { [key: string]: JsonValue };
  const json = toJson(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}

/**
 * Whether `value` is exactly what {@link toJson} would make of it: only null, strings, booleans, finite
 * numbers, dense arrays and ordinary objects of those, with no `toJSON` and no own `__proto__` key
 * (the copy would make that the prototype, so it is not content).
 */
function isPlainJson(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) if (!(i in value) || !isPlainJson(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) return false;
        if (key === '__proto__' || !isPlainJson((value as Record<string, unknown>)[key])) return false;
      }
      // Symbol and non-enumerable keys are not content either way: no stringify or copy reads them.
      return true;
    }
    default:
      return false;
  }
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
