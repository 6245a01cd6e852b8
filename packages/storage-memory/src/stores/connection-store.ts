import type { ConnectionStore } from '@pax8-sync/core';
import { copy, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import type { Runner } from './runner';

/** Connections over the memory state. */
export function createConnectionStore(state: MemoryState, run: Runner): ConnectionStore {
  return {
    put: (connection) => run((ctx) => setIn(ctx, state.connections, connection.id, copy(connection))),
    get: (id) => run(() => copy(state.connections.get(id))),
    list: () => run(() => [...state.connections.values()].sort((a, b) => cmp(a.id, b.id)).map(copy)),
  };
}

/**
 * Unicode code-point order (= UTF-8 byte order, Postgres `COLLATE "C"`, SQLite `BINARY`), as the
 * contract promises. JavaScript's `<` compares UTF-16 code units, which puts astral characters
 * (surrogate pairs) before U+E000..U+FFFF: the first differing unit is remapped to fix that.
 */
export function cmp(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (U+D800..U+DFFF) above U+E000..U+FFFF, keeping every other unit in order. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}
