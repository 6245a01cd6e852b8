import type { IdCodec } from './ids';

/** Options of {@link LazyCollection}. */
export interface LazyCollectionOptions<T> {
  /** Id codec of the kind. */
  codec: IdCodec;
  /** How many records the seed generates. */
  baseCount: number;
  /** Generates the base record at a position (pure: same index, same record). */
  generate: (index: number) => T;
  /** Keep generated records (small kinds); large kinds regenerate on demand. */
  cache?: boolean;
}

/**
 * A record store that generates its seeded records on demand and keeps only what scripts changed,
 * so a world of 100,000 subscriptions costs a few typed arrays, not 100,000 objects.
 */
export class LazyCollection<T extends { id: string }> {
  private readonly codec: IdCodec;
  private readonly baseCount: number;
  private readonly generateAt: (index: number) => T;
  private readonly cache: Map<number, T> | undefined;
  private readonly overrides = new Map<number, T>();
  private readonly removed = new Set<number>();
  private nextIndex: number;
  private visibleCache: Int32Array | undefined;
  /** Bumped on every change; caches key on it. */
  version = 0;

  constructor(options: LazyCollectionOptions<T>) {
    this.codec = options.codec;
    this.baseCount = options.baseCount;
    this.generateAt = options.generate;
    this.cache = options.cache ? new Map() : undefined;
    this.nextIndex = options.baseCount;
  }

  /** The id a record at this position has. */
  idAt(index: number): string {
    return this.codec.encode(index);
  }

  /** Number of records currently in the world. */
  get size(): number {
    return this.nextIndex - this.removed.size;
  }

  /** Position of a record by id, or undefined when absent or removed. */
  indexOf(id: string): number | undefined {
    const index = this.codec.decode(id);
    if (index === undefined || index >= this.nextIndex || this.removed.has(index)) return undefined;
    return index;
  }

  /** Whether the record at this position was changed or added by a script. */
  isOverridden(index: number): boolean {
    return this.overrides.has(index);
  }

  /** The record at a position (callers must not mutate it). */
  at(index: number): T {
    const own = this.overrides.get(index);
    if (own) return own;
    if (this.cache) {
      let hit = this.cache.get(index);
      if (!hit) {
        hit = this.generateAt(index);
        this.cache.set(index, hit);
      }
      return hit;
    }
    return this.generateAt(index);
  }

  /** The record with this id, or undefined. */
  get(id: string): T | undefined {
    const index = this.indexOf(id);
    return index === undefined ? undefined : this.at(index);
  }

  /** Positions of the records in the world, in creation order. */
  positions(): Int32Array {
    if (!this.visibleCache) {
      const out = new Int32Array(this.size);
      let n = 0;
      for (let i = 0; i < this.nextIndex; i++) if (!this.removed.has(i)) out[n++] = i;
      this.visibleCache = out;
    }
    return this.visibleCache;
  }

  /** Reserves the next position and its id, for a record about to be added. */
  reserve(): { index: number; id: string } {
    const index = this.nextIndex++;
    this.visibleCache = undefined;
    this.version++;
    return { index, id: this.codec.encode(index) };
  }

  /** Gives back a position reserved for a record that was then refused, so the world is as it was. */
  release(index: number): void {
    if (index === this.nextIndex - 1 && !this.overrides.has(index)) this.nextIndex--;
    else this.removed.add(index);
    this.visibleCache = undefined;
    this.version++;
  }

  /** Stores a record at a position (added or changed by a script or a write request). */
  put(index: number, record: T): void {
    this.overrides.set(index, record);
    this.version++;
  }

  /** Removes the record at a position from the world. */
  remove(index: number): void {
    this.removed.add(index);
    this.overrides.delete(index);
    this.visibleCache = undefined;
    this.version++;
  }
}
