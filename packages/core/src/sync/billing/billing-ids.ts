import type { Pax8PageLike } from '../../engine/client-port';
import { contentHash } from '../../engine/content-hash';
import type { JsonValue } from '../../storage/json';

type Fields = Record<string, unknown>;

const fieldsOf = (record: unknown): Fields => (typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Fields) : {});

/** Marks a stored id made from a line's content (Pax8 sent no id): `<scope>#~<hash>`. */
const CONTENT = '~';

/**
 * The stored id of a charge line: `<scope>#<Pax8's id>`, or, when Pax8 sends none,
 * `<scope>#~<content hash>` (`~<hash>~<n>` for the n-th further line of the same content in the
 * listing). The scope in front keeps the lines of two invoices, a draft month or a usage month apart
 * even when Pax8 repeats its ids across them. @internal
 */
export function lineId(scope: string, pax8Id: unknown, contentKey: string): string {
  return `${scope}#${typeof pax8Id === 'string' && pax8Id !== '' ? pax8Id : contentKey}`;
}

/** Pax8's own id of a charge line as kept in its data (`pax8Id`), or the part of the stored id after the last `#`. @internal */
export function pax8IdOf(storedId: string): string {
  return storedId.slice(storedId.lastIndexOf('#') + 1);
}

/** The hash of a line's content as Pax8 sent it (its empty or missing `id` left out): the same line hashes the same wherever it is listed. */
function contentOf(fields: Fields): string {
  const { id: _id, ...rest } = fields;
  return contentHash(JSON.parse(JSON.stringify(rest)) as JsonValue).slice(0, 22);
}

/**
 * Numbers the lines of one listing that share a content (Pax8 sent no id and two lines are alike),
 * across its pages: a page's n-th line of a content is numbered after the lines of that content on
 * the pages before it, so ids do not depend on where the listing puts a line. A page listed again
 * (same offset) gets the same numbers. Holds the current listing's pages only (a new scope, or page
 * 0 again, starts over): memory stays that of one listing's id-less lines.
 *
 * Pages are numbered in page order whatever order their responses arrive in (read-ahead): each page
 * claims its place when it is asked for ({@link LineNumbering.claim}) and waits for the pages before
 * it. A page before it that was never asked for in this process (the listing resumed there after a
 * crash, or the page's read failed) is listed again, so the ids match a clean pull. @internal
 */
export class LineNumbering {
  private scope: string | undefined;
  private readonly pages = new Map<number, Map<string, number>>();
  /** Pages asked for and not numbered yet: settled once numbered, or once their read failed (`false`). */
  private readonly claimed = new Map<number, Promise<boolean>>();

  /** Claims page `offset` of `scope` before it is read; call `settle` once it is numbered (`true`) or its read failed (`false`). */
  claim(scope: string, offset: number): (numbered: boolean) => void {
    if (scope !== this.scope || offset === 0) {
      this.scope = scope;
      this.pages.clear();
      this.claimed.clear();
    }
    let settle: (numbered: boolean) => void = () => undefined;
    this.claimed.set(offset, new Promise<boolean>((resolve) => (settle = resolve)));
    return settle;
  }

  /** The offsets before `offset` (pages of `size` lines) that are not numbered, once the claimed ones settled: those to list again. */
  async missingBefore(scope: string, offset: number, size: number): Promise<number[]> {
    // The pages asked for before this one settle first (a resumed page lists its missing pages again before it settles).
    if (scope === this.scope) await Promise.all([...this.claimed].filter(([at]) => at < offset).map(([, numbered]) => numbered));
    const missing: number[] = [];
    for (let at = 0; at < offset; at += size) if (scope !== this.scope || !this.pages.has(at)) missing.push(at);
    return missing;
  }

  /** The content keys (`~<hash>`, `~<hash>~<n>`) of a page's id-less lines, by their content hashes in listing order. */
  keys(scope: string, offset: number, hashes: readonly string[]): string[] {
    if (scope !== this.scope) {
      this.scope = scope;
      this.pages.clear();
      this.claimed.clear();
    }
    const before = new Map<string, number>();
    for (const [at, counts] of this.pages) if (at < offset) for (const [hash, n] of counts) before.set(hash, (before.get(hash) ?? 0) + n);
    const here = new Map<string, number>();
    const keys = hashes.map((hash) => {
      const n = (before.get(hash) ?? 0) + (here.get(hash) ?? 0);
      here.set(hash, (here.get(hash) ?? 0) + 1);
      return n === 0 ? `${CONTENT}${hash}` : `${CONTENT}${hash}${CONTENT}${n}`;
    });
    this.pages.set(offset, here);
    return keys;
  }
}

/** Every record of a page at its place as Pax8 sent it: the rejected ones back where they were. */
function sentRecords(page: Pax8PageLike): unknown[] {
  const rejectedAt = new Map((page.rejected ?? []).map((r) => [r.index, r.record]));
  const sent: unknown[] = [];
  let next = 0;
  for (let at = 0; sent.length < page.content.length + rejectedAt.size; at += 1) sent.push(rejectedAt.has(at) ? rejectedAt.get(at) : page.content[next++]);
  return sent;
}

const pax8IdOfRecord = (fields: Fields): string | null => (typeof fields.id === 'string' && fields.id !== '' ? fields.id : null);

/** The content hashes of a page's id-less lines, in the order Pax8 sent them (rejected ones included). @internal */
export function idlessHashes(page: Pax8PageLike): string[] {
  return sentRecords(page).map(fieldsOf).filter((f) => pax8IdOfRecord(f) === null).map(contentOf);
}

/**
 * A listing page whose records carry the id storage keeps them by and the listing's fields they
 * lack (`with`), Pax8's own id kept as `pax8Id` (`null` when it sent none). Lines without an id are
 * keyed by content, numbered across the listing's pages by `numbering` (records of the page in the
 * order Pax8 sent them, rejected ones included, from `offset`). @internal
 */
export function withLineIds(page: Pax8PageLike, offset: number, scope: string, extra: Fields, numbering: LineNumbering): Pax8PageLike {
  const sent = sentRecords(page);
  const keys = numbering.keys(scope, offset, idlessHashes(page));
  let k = 0;
  const lines = sent.map((record) => {
    const fields = fieldsOf(record);
    const pax8Id = pax8IdOfRecord(fields);
    return { ...fields, ...extra, id: lineId(scope, pax8Id, pax8Id === null ? keys[k++]! : ''), pax8Id };
  });
  const rejectedAt = new Set((page.rejected ?? []).map((r) => r.index));
  const content = lines.filter((_, at) => !rejectedAt.has(at));
  const rejected = page.rejected?.map((r) => ({ ...r, record: lines[r.index] }));
  return { ...page, content, ...(rejected ? { rejected } : {}) };
}

/**
 * {@link withLineIds} for page `page` of a listing read by `read`, numbered after the pages before
 * it (see {@link LineNumbering}): it waits for those being read now, and lists again those never
 * asked for in this process (a listing resumed there after a crash). @internal
 */
export async function pageWithLineIds(read: (page: number) => Promise<Pax8PageLike>, at: { page: number; size: number }, scope: string, extra: Fields, numbering: LineNumbering): Promise<Pax8PageLike> {
  const offset = at.page * at.size;
  const settle = numbering.claim(scope, offset);
  try {
    const listed = await read(at.page);
    for (const missing of await numbering.missingBefore(scope, offset, at.size)) numbering.keys(scope, missing, idlessHashes(await read(missing / at.size)));
    const page = withLineIds(listed, offset, scope, extra, numbering);
    settle(true);
    return page;
  } catch (error) {
    settle(false);
    throw error;
  }
}
