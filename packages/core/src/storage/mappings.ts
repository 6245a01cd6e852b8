/** The state of a Pax8 company ↔ PSA company mapping. Only `confirmed` mappings drive subscription sync. */
export type MappingState = 'pending' | 'confirmed' | 'rejected';

/** Where a mapping came from. */
export type MappingSource = 'quick-match' | 'manual';

/** A mapping between one Pax8 company and one PSA company, per connection. */
export interface CompanyMapping {
  /** The connection. */
  connectionId: string;
  /** Pax8 company id; at most one mapping per (connection, Pax8 company). */
  pax8CompanyId: string;
  /** The PSA company id (the caller's own id). */
  psaCompanyId: string;
  /** pending (suggested), confirmed or rejected. */
  state: MappingState;
  /** Similarity score 0..1 for Quick Match suggestions; `null` for manual mappings. */
  score: number | null;
  /** quick-match or manual. */
  source: MappingSource;
  /** Last change time, epoch ms. */
  updatedAt: number;
}

/** Mappings between Pax8 companies and the caller's PSA companies. */
export interface MappingStore {
  /** Inserts or replaces each mapping by (connectionId, pax8CompanyId). An empty array is a no-op. */
  upsertMany(mappings: readonly CompanyMapping[]): Promise<void>;
  /** Returns the mapping of that Pax8 company, or `undefined`. */
  get(connectionId: string, pax8CompanyId: string): Promise<CompanyMapping | undefined>;
  /** Mappings of the connection, optionally of one state, ordered by pax8CompanyId ascending. */
  list(connectionId: string, options?: { state?: MappingState }): Promise<CompanyMapping[]>;
  /** Deletes the mappings of these Pax8 company ids; unknown ids are ignored. */
  deleteMany(connectionId: string, pax8CompanyIds: readonly string[]): Promise<void>;
}
