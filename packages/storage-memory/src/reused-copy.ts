import { copy, type WriteContext } from './journal';

/** Whether two JSON-shaped values are equal, key by key (what the store holds never has `undefined`). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    const x = left[key];
    const y = right[key];
    if (x !== y && (x === null || typeof x !== 'object' || !sameJson(x, y))) return false;
    // Equal as `undefined` only when `right` has the key too.
    if (y === undefined && !Object.hasOwn(right, key)) return false;
    keys += 1;
  }
  for (const key in right) if (Object.hasOwn(right, key)) keys -= 1;
  return keys === 0;
}

/**
 * The store's copy of `value`, shared with an earlier write of the same transaction when the caller
 * hands the very same object again, unchanged (a page's row `data` and its `created` event's `after`):
 * what the store holds is never mutated in place and every read hands out a copy, so sharing is
 * invisible to callers, and compares instead of allocating. `remember`: keep this copy for later writes.
 */
export function copyShared<T>(ctx: WriteContext, value: T, remember: boolean): T {
  if (value === null || typeof value !== 'object') return value;
  const copies = ctx.journal?.copies;
  if (copies === undefined) return copy(value);
  const known = copies.get(value);
  if (known !== undefined && sameJson(value, known)) return known as T;
  const out = copy(value);
  if (remember) copies.set(value, out);
  return out;
}
