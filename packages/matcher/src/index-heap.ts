/**
 * @internal A binary min-heap of (key, id) entries ordered by key, then by id, so equal keys pop in a
 * fixed order. Entries are never updated in place: callers push again and skip stale pops.
 */
export class IndexHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  private size = 0;

  /** @param capacity - initial capacity; the heap grows as needed. */
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.ids = new Int32Array(Math.max(16, capacity));
  }

  /** Whether the heap has no entries. */
  get empty(): boolean {
    return this.size === 0;
  }

  /** Removes every entry. */
  clear(): void {
    this.size = 0;
  }

  /** Adds an entry. */
  push(id: number, key: number): void {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    const keys = this.keys;
    const ids = this.ids;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && ids[parent]! < id)) break;
      keys[i] = pk;
      ids[i] = ids[parent]!;
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
  }

  /** Removes and returns the id of the smallest entry; the heap must not be empty. */
  pop(): number {
    const keys = this.keys;
    const ids = this.ids;
    const top = ids[0]!;
    const n = --this.size;
    const key = keys[n]!;
    const id = ids[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right]! < keys[child]! || (keys[right] === keys[child] && ids[right]! < ids[child]!))) {
        child = right;
      }
      const ck = keys[child]!;
      if (key < ck || (key === ck && id < ids[child]!)) break;
      keys[i] = ck;
      ids[i] = ids[child]!;
      i = child;
    }
    keys[i] = key;
    ids[i] = id;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.keys = keys;
    this.ids = ids;
  }
}
