/** Undo log of one transaction: every write registers how to revert it. */
export interface Journal {
  /** Reverts, newest first. */
  readonly undo: (() => void)[];
  /**
   * The store's copy of each object a write of this transaction copied, by the caller's object
   * (see `copyShared`): a later write of the same, unchanged object shares that copy.
   */
  readonly copies: Map<object, unknown>;
}

/** A fresh journal for a transaction. */
export function newJournal(): Journal {
  return { undo: [], copies: new Map() };
}

/** Where a write happens: inside a transaction (journalled) or not. */
export interface WriteContext {
  /** The transaction's journal, or `undefined` outside a transaction. */
  readonly journal: Journal | undefined;
}

/** Sets `map[key] = value`, journalling the previous state. */
export function setIn<K, V>(ctx: WriteContext, map: Map<K, V>, key: K, value: V): void {
  if (ctx.journal) {
    const had = map.has(key);
    const previous = map.get(key);
    ctx.journal.undo.push(() => {
      if (had) map.set(key, previous as V);
      else map.delete(key);
    });
  }
  map.set(key, value);
}

/** Deletes `map[key]`, journalling the previous state. */
export function deleteIn<K, V>(ctx: WriteContext, map: Map<K, V>, key: K): void {
  if (!map.has(key)) return;
  if (ctx.journal) {
    const previous = map.get(key) as V;
    ctx.journal.undo.push(() => map.set(key, previous));
  }
  map.delete(key);
}

/** Returns the inner map of `key`, creating it (an empty map needs no undo). */
export function innerMap<K, IK, IV>(outer: Map<K, Map<IK, IV>>, key: K): Map<IK, IV> {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/**
 * A deep copy of plain data (the contract only holds JSON-shaped values), so callers never share
 * objects with the store. Much faster than `structuredClone` for the many small rows of a sync.
 */
export function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const inner = (value as Record<string, unknown>)[key];
    out[key] = inner === null || typeof inner !== 'object' ? inner : copy(inner);
  }
  return out as T;
}
