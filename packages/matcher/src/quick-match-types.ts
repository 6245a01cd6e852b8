/** A company on either side of Quick Match: its id in its own system and its display name. */
export interface CompanyRef {
  /** The company's id (Pax8 company id or PSA company id); unique within its side. */
  readonly id: string;
  /** The company's name as its system shows it. */
  readonly name: string;
}

/** A pair of ids: a Pax8 company and a PSA company. */
export interface MappingPair {
  /** The Pax8 company id. */
  readonly pax8Id: string;
  /** The PSA company id. */
  readonly psaId: string;
}

/** Options of {@link quickMatch}. */
export interface QuickMatchOptions {
  /**
   * The lowest similarity (0–1, inclusive) a pair needs to be suggested. Default {@link DEFAULT_MATCH_THRESHOLD} (0.4).
   * @example 0.6
   */
  readonly threshold?: number;
  /** Mappings a person already confirmed: both companies of each pair are left alone (never suggested again). */
  readonly confirmed?: readonly MappingPair[];
  /** Pairs a person rejected: never suggested again (each company may still be suggested with another). */
  readonly rejected?: readonly MappingPair[];
}

/** One suggested mapping, pending until a person confirms it. */
export interface MatchSuggestion {
  /** The Pax8 company id. */
  readonly pax8Id: string;
  /** The PSA company id. */
  readonly psaId: string;
  /**
   * Quick Match's score, 0–1: `spelling × wordAgreement` (see the package README, "What a score means").
   * 1 for identical normalised names.
   */
  readonly score: number;
  /**
   * The spelling similarity of the two normalised names compared (`pax8Normalized`, `psaNormalized`), 0–1: the
   * Dice coefficient {@link companySimilarity} computes.
   */
  readonly spelling: number;
  /**
   * The word agreement of the two names, 0–1: the share of both names' words (weighted by how rare they are in
   * the two lists) that have a counterpart in the other name, words without one on both sides counting triple.
   */
  readonly wordAgreement: number;
  /** The Pax8 company's name as given. */
  readonly pax8Name: string;
  /** The PSA company's name as given. */
  readonly psaName: string;
  /**
   * The Pax8 name after normalisation, so a reviewer sees why the pair was suggested: for `Legal dba Trade`, the
   * one of its {@link companyNameVariants} that gave the score.
   */
  readonly pax8Normalized: string;
  /** The PSA name after normalisation (for `Legal dba Trade`, the variant that gave the score). */
  readonly psaNormalized: string;
  /** Always `'pending'`: a suggestion waits for a person to confirm or reject it. */
  readonly status: 'pending';
}

/** A company Quick Match left without a suggestion, and why. */
export interface UnmatchedCompany {
  /** The company's id. */
  readonly id: string;
  /** The company's name as given. */
  readonly name: string;
  /** The name after {@link normalizeCompanyName}. */
  readonly normalized: string;
  /**
   * `'no-candidate'`: nothing on the other side reached the threshold;
   * `'outmatched'`: candidates reached it, but each was paired with a company it scored at least as high with.
   */
  readonly reason: 'no-candidate' | 'outmatched';
  /** For `'outmatched'`: the best-scoring candidate on the other side, with its score. */
  readonly bestCandidate?: { readonly id: string; readonly score: number };
}

/** The result of {@link quickMatch}. */
export interface QuickMatchResult {
  /** One-to-one suggestions, sorted by score (highest first), then Pax8 id, then PSA id. */
  readonly suggestions: readonly MatchSuggestion[];
  /** Pax8 companies with neither a suggestion nor a confirmed mapping, in input order. */
  readonly unmatchedPax8: readonly UnmatchedCompany[];
  /** PSA companies with neither a suggestion nor a confirmed mapping, in input order. */
  readonly unmatchedPsa: readonly UnmatchedCompany[];
  /** The threshold that was applied. */
  readonly threshold: number;
  /** Counts, for logs and the review screen. */
  readonly stats: QuickMatchStats;
}

/** Counts describing one {@link quickMatch} run. */
export interface QuickMatchStats {
  /** Pairs at or above the threshold (after confirmed and rejected pairs were taken out). */
  readonly candidatePairs: number;
  /** Connected groups of companies linked by candidate pairs. */
  readonly components: number;
  /** Companies (both sides) skipped because a confirmed mapping already covers them. */
  readonly confirmedSkipped: number;
  /** Candidate pairs removed because a person rejected them. */
  readonly rejectedSkipped: number;
}
