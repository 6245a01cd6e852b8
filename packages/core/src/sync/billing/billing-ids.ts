import type { Pax8PageLike } from '../../engine/client-port';

type Fields = Record<string, unknown>;

const fieldsOf = (record: unknown): Fields => (typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Fields) : {});

/**
 * The stored id of a charge line: `<scope>#<Pax8's id>`, or `<scope>#<position>` (its place in the
 * listing, from 0) when Pax8 sends none. The scope in front keeps the lines of two invoices, a
 * draft month or a usage month apart even when Pax8 repeats its ids across them. @internal
 */
export function lineId(scope: string, pax8Id: unknown, position: number): string {
  return `${scope}#${typeof pax8Id === 'string' && pax8Id !== '' ? pax8Id : String(position)}`;
}

/** Pax8's own id of a charge line as kept in its data (`pax8Id`), or the part of the stored id after the last `#`. @internal */
export function pax8IdOf(storedId: string): string {
  return storedId.slice(storedId.lastIndexOf('#') + 1);
}

/**
 * A listing page whose records carry the id storage keeps them by and the listing's fields they
 * lack (`with`), Pax8's own id kept as `pax8Id` (`null` when it sent none). Positions count the
 * records of the page as Pax8 sent them, rejected ones included, from `offset`. @internal
 */
export function withLineIds(page: Pax8PageLike, offset: number, scope: string, extra: Fields): Pax8PageLike {
  const line = (record: unknown, position: number): Fields => {
    const fields = fieldsOf(record);
    const pax8Id = typeof fields.id === 'string' && fields.id !== '' ? fields.id : null;
    return { ...fields, ...extra, id: lineId(scope, pax8Id, position), pax8Id };
  };
  const rejectedAt = new Set((page.rejected ?? []).map((r) => r.index));
  let position = 0;
  const content = page.content.map((record) => {
    while (rejectedAt.has(position)) position += 1;
    const out = line(record, offset + position);
    position += 1;
    return out;
  });
  const rejected = page.rejected?.map((r) => ({ ...r, record: line(r.record, offset + r.index) }));
  return { ...page, content, ...(rejected ? { rejected } : {}) };
}
