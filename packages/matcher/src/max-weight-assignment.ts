import { IndexHeap } from './index-heap';

/**
 * @internal Scores become integers at this resolution (2^-24 ≈ 6e-8) before assignment, so totals are
 * exact and the result does not depend on the order of floating-point additions. Distinct Dice scores of
 * names up to about 2,000 characters differ by more than this, so they are never merged.
 */
export const WEIGHT_SCALE = 2 ** 24;

/**
 * @internal Maximum-weight one-to-one assignment on a sparse bipartite graph (not every node needs a partner).
 * Edges come as CSR: row `i`'s edges are `cols[rowStart[i]..rowStart[i+1])` with integer `weights` (> 0).
 * Successive shortest paths (the Hungarian method with Dijkstra on reduced costs): each row has a private
 * zero-weight "stay unmatched" column, so every row is assigned and the min-cost assignment is the
 * maximum-weight matching. Each search stops at the first free column, so it only explores the part of
 * the graph (the connected component) where reassignment can pay. Rows are added in index order; among
 * equally short paths the search prefers ending at a free column, then a real column (lower index first),
 * then leaving the new row unmatched, then displacing an earlier row — so ties are deterministic.
 * Returns, for each row, its column or -1.
 */
export function maxWeightAssignment(
  rowCount: number,
  colCount: number,
  rowStart: Int32Array,
  cols: Int32Array,
  weights: Float64Array,
): Int32Array {
  const totalCols = colCount + rowCount; // column colCount + r is row r's "unmatched" column
  const u = new Float64Array(rowCount);
  const v = new Float64Array(totalCols);
  const rowMatch = new Int32Array(rowCount).fill(-1);
  const colMatch = new Int32Array(totalCols).fill(-1);
  const dist = new Float64Array(totalCols);
  const predRow = new Int32Array(totalCols);
  const seenAt = new Int32Array(totalCols).fill(-1);
  const doneAt = new Int32Array(totalCols).fill(-1);
  const rowDist = new Float64Array(rowCount);
  const heap = new IndexHeap(64);
  const finalCols: number[] = [];
  const visitedRows: number[] = [];
  let stamp = -1;
  // The shortest distance to a free column seen so far in this search. A column reached at a larger
  // distance can never be popped before the search ends, so it is not pushed (pure pruning: the
  // popped sequence, and so the result, is unchanged).
  let bound = Number.POSITIVE_INFINITY;

  // Heap ties: a free column first (it ends the search: on a plateau of equal scores this keeps each
  // search short instead of walking every matched column of equal distance), then real columns by index,
  // then the searching row's own "unmatched" column (leave the others as they are), then other rows'
  // "unmatched" columns (displace a row only when it pays). Whether a column is free does not change
  // during a search, so the rank of a column is fixed while it is in the heap.
  const matchedOffset = totalCols + 1;
  const rankOf = (j: number): number => {
    const rank = j < colCount ? j : j === colCount + stamp ? colCount : j + 1;
    return colMatch[j] === -1 ? rank : rank + matchedOffset;
  };
  const columnOf = (ranked: number): number => {
    const rank = ranked >= matchedOffset ? ranked - matchedOffset : ranked;
    return rank < colCount ? rank : rank === colCount ? colCount + stamp : rank - 1;
  };
  const relax = (r: number, j: number, candidate: number): void => {
    if (candidate > bound || doneAt[j] === stamp) return;
    if (seenAt[j] !== stamp || candidate < dist[j]!) {
      if (colMatch[j] === -1) bound = candidate;
      seenAt[j] = stamp;
      dist[j] = candidate;
      predRow[j] = r;
      heap.push(rankOf(j), candidate);
    }
  };
  const relaxRow = (r: number, base: number): void => {
    const ur = u[r]!;
    const end = rowStart[r + 1]!;
    for (let e = rowStart[r]!; e < end; e++) {
      const j = cols[e]!;
      relax(r, j, base + (-weights[e]! - ur - v[j]!));
    }
    const own = colCount + r;
    relax(r, own, base + (0 - ur - v[own]!));
  };

  for (let s = 0; s < rowCount; s++) {
    const start = rowStart[s]!;
    const end = rowStart[s + 1]!;
    if (start === end) continue;
    stamp = s;
    let us = 0; // the "unmatched" column costs 0 and its potential is still 0: only row s reaches it
    for (let e = start; e < end; e++) {
      const reduced = -weights[e]! - v[cols[e]!]!;
      if (reduced < us) us = reduced;
    }
    u[s] = us;

    heap.clear();
    bound = Number.POSITIVE_INFINITY;
    finalCols.length = 0;
    visitedRows.length = 0;
    visitedRows.push(s);
    rowDist[s] = 0;
    relaxRow(s, 0);

    let terminal = -1;
    while (terminal === -1) {
      const j = columnOf(heap.pop());
      if (doneAt[j] === stamp) continue;
      doneAt[j] = stamp;
      finalCols.push(j);
      const r = colMatch[j]!;
      if (r === -1) {
        terminal = j;
      } else {
        rowDist[r] = dist[j]!;
        visitedRows.push(r);
        relaxRow(r, dist[j]!);
      }
    }

    const total = dist[terminal]!;
    for (const j of finalCols) v[j] = v[j]! + dist[j]! - total;
    for (const r of visitedRows) u[r] = u[r]! + total - rowDist[r]!;

    // Augment back along the shortest path; every row on it was reached through its matched column.
    let j = terminal;
    for (;;) {
      const r = predRow[j]!;
      const previous = rowMatch[r]!;
      colMatch[j] = r;
      rowMatch[r] = j;
      if (r === s) break;
      j = previous;
    }
  }

  for (let r = 0; r < rowCount; r++) if (rowMatch[r]! >= colCount) rowMatch[r] = -1;
  return rowMatch;
}
