import type { MappingFilter } from '../sdk/mapping-board';

/** Where on the Map screen a person is: the filter and the page, kept by every link and form. */
export interface MapPlace {
  /** The filter. */
  filter: MappingFilter;
  /** The 1-based page. */
  page: number;
}

/** The query string of a place, with more parameters (`pick`, `q`, a notice) after it. */
export function mapQuery(place: MapPlace, more: Record<string, string | number> = {}): string {
  return new URLSearchParams({ filter: place.filter, page: String(place.page), ...Object.fromEntries(Object.entries(more).map(([k, v]) => [k, String(v)])) }).toString();
}

/** `/map?filter=…&page=…` (plus `more`), with an optional `#anchor`. */
export function mapHref(place: MapPlace, more: Record<string, string | number> = {}, anchor?: string): string {
  return `/map?${mapQuery(place, more)}${anchor ? `#${anchor}` : ''}`;
}
