/** The vocabulary of drift: how a served record or page may differ from what Pax8 documents. */

/** How one served record differs from its documented shape. */
export type Pax8RecordDriftKind =
  /** Extra fields the documents do not name (`pax8Metadata`, `isNewCommerce`). */
  | 'unknownField'
  /** An enum field holds a value the documents do not list (`PendingReview`, `Quarterly`). */
  | 'newEnumValue'
  /** A date field in a format Pax8 has sent but not documented (`2023-08-11 11:33:12`, `08/11/2023`). */
  | 'oddDate'
  /** A field is absent (any field, `id` included unless `fields` says otherwise). */
  | 'missingField'
  /** A field holds another JSON type (number as string, string as number, object as string...). */
  | 'mistypedField'
  /** A string field is replaced by a huge string (`hugeStringLength`, default 1,000,000 characters). */
  | 'hugeString'
  /** A string field gets odd Unicode inserted (see {@link Pax8OddUnicode}). */
  | 'oddUnicode';

/** How a served listing page differs from the listing it belongs to. */
export type Pax8PageDriftKind =
  /** A record of the page is served twice in it; the page keeps its length, so its last record is pushed off (hidden). */
  | 'duplicateInPage'
  /** A record of the neighbouring page is served in this one as well; this page's last record is pushed off (hidden). */
  | 'duplicateAcrossPages'
  /** A share of the page's records (`hiddenShare`, default 0.2) is left out; the page block still counts them. */
  | 'shortPage'
  /** The page comes back with no records; the page block still counts them. */
  | 'emptyPage'
  /** `totalElements` is off by a seeded amount (the records served are right). */
  | 'wrongTotalElements'
  /** `totalPages` is off by one (the records served are right). */
  | 'wrongTotalPages'
  /** The last page claims one more page: `totalElements` grows by `size` and `totalPages` follows. Only on the last page. */
  | 'lastPageClaimsMore';

/** Any drift kind. */
export type Pax8DriftKind = Pax8RecordDriftKind | Pax8PageDriftKind;

/** Every record drift kind, in the fixed order they are drawn and applied. */
export const PAX8_RECORD_DRIFT_KINDS: readonly Pax8RecordDriftKind[] = ['unknownField', 'newEnumValue', 'oddDate', 'missingField', 'mistypedField', 'hugeString', 'oddUnicode'];

/** Every page drift kind, in the fixed order they are drawn and applied. */
export const PAX8_PAGE_DRIFT_KINDS: readonly Pax8PageDriftKind[] = ['emptyPage', 'shortPage', 'duplicateInPage', 'duplicateAcrossPages', 'wrongTotalElements', 'wrongTotalPages', 'lastPageClaimsMore'];

/** Every drift kind: page kinds first (they choose what is served), then record kinds. */
export const PAX8_DRIFT_KINDS: readonly Pax8DriftKind[] = [...PAX8_PAGE_DRIFT_KINDS, ...PAX8_RECORD_DRIFT_KINDS];

/** The odd Unicode the `oddUnicode` kind inserts, by name. */
export type Pax8OddUnicode = 'nul' | 'loneSurrogate' | 'rtl' | 'combining' | 'zeroWidth' | 'emoji' | 'nonBmp';

/**
 * The text each {@link Pax8OddUnicode} variant inserts. `nul` (U+0000) and `loneSurrogate` (U+D800 alone)
 * are strings many stores cannot hold; the others are valid text a store must keep verbatim.
 */
export const PAX8_ODD_UNICODE: Readonly<Record<Pax8OddUnicode, string>> = {
  nul: '\u0000',
  loneSurrogate: '\ud800',
  rtl: '\u202e\u200f',
  combining: 'e\u0301\u0308',
  zeroWidth: '\u200b\ufeff\u200d',
  emoji: '\u{1f469}\u{1f3fd}\u200d\u{1f4bb}',
  nonBmp: '\u{1d513}\u{1d51e}\u{1d535}\u{1d7d6}',
};

/** Every odd Unicode variant. */
export const PAX8_ODD_UNICODE_VARIANTS = Object.keys(PAX8_ODD_UNICODE) as Pax8OddUnicode[];

/** Whether a kind is a record kind. */
export function isRecordDriftKind(kind: string): kind is Pax8RecordDriftKind {
  return (PAX8_RECORD_DRIFT_KINDS as readonly string[]).includes(kind);
}

/** Whether a kind is a page kind. */
export function isPageDriftKind(kind: string): kind is Pax8PageDriftKind {
  return (PAX8_PAGE_DRIFT_KINDS as readonly string[]).includes(kind);
}
