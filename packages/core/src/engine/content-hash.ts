import { createHash } from 'node:crypto';
import type { JsonValue } from '../storage/json';

/** JSON with object keys sorted, so equal content always serialises the same. */
export function stableStringify(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k] as JsonValue)}`).join(',')}}`;
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

/** Turns a parsed record into plain JSON (drops `undefined`, keeps `null`). */
export function toJsonObject(value: unknown): { [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(value ?? {})) as { [key: string]: JsonValue };
}
