import { type MappingBoard, type MappingFilter, type MappingRow, mappingFilters } from '../sdk/mapping-board';
import { fieldError } from './form-fields';
import { h, type Html } from './html';
import { mapHref, mapQuery, type MapPlace } from './map-place';
import { type PickerModel, pickerView } from './psa-picker-view';

/** What the Map screen shows. */
export interface MapViewModel {
  /** The page's rows, the counts and the page. */
  board: MappingBoard;
  /** The filter in use. */
  filter: MappingFilter;
  /** The manual mapping picker: under its row, or above the table when the row is on another page. */
  picker?: PickerModel | undefined;
  /** Why Next was refused, shown beside it. */
  nextError?: string | undefined;
}

const filterLabel: Record<MappingFilter, string> = { all: 'All', mapped: 'Mapped Only', unmapped: 'Unmapped Only' };
const two = (n: number) => n.toFixed(2);

function stateBadge(row: MappingRow): Html {
  if (row.state === 'pending') {
    const score = two(row.score ?? 0);
    const parts = row.parts ? h`<span class="parts" data-spelling="${two(row.parts.spelling)}" data-words="${two(row.parts.wordAgreement)}">spelling ${two(row.parts.spelling)} × words ${two(row.parts.wordAgreement)}</span>` : '';
    return h`<span class="badge pending" data-score="${score}">Pending <span class="score">${score}</span></span>${parts}`;
  }
  if (row.state === 'mapped') return h`<span class="badge mapped">Mapped${row.source === 'manual' ? ' (by hand)' : ''}</span>`;
  if (row.state === 'rejected') return h`<span class="badge rejected">Rejected</span>`;
  return h`<span class="badge unmapped">Unmapped</span>`;
}

function psaCell(row: MappingRow): Html {
  if (row.psaCompanyId === null) return h`<span class="muted">None</span>`;
  const name = row.psaCompanyName ?? h`${row.psaCompanyId} <span class="muted">(not in your PSA)</span>`;
  return row.state === 'rejected' ? h`<s>${name}</s>` : h`${name}`;
}

function decision(row: MappingRow, place: MapPlace): Html {
  const query = mapQuery(place);
  const what = h`<span class="sr-only"> ${row.pax8CompanyName} as ${row.psaCompanyName ?? row.psaCompanyId ?? ''}</span>`;
  const id = h`<input type="hidden" name="pax8CompanyId" value="${row.pax8CompanyId}">`;
  if (row.state === 'mapped') return h`<form method="post" action="/map/reject?${query}">${id}<button type="submit">Unmap${what}</button></form>`;
  if (row.state !== 'pending') return h``;
  if (row.takenBy) {
    return h`<form method="post" action="/map/reject?${query}">${id}<button type="submit" aria-describedby="taken-${row.pax8CompanyId}">Reject${what}</button></form>
<p class="conflict" id="taken-${row.pax8CompanyId}" data-taken-by="${row.takenBy.pax8CompanyId}">${row.psaCompanyName ?? row.psaCompanyId} is already mapped to the Pax8 company ${row.takenBy.pax8CompanyName}, so Save All skips this suggestion: reject it, or map this company by hand.</p>`;
  }
  return h`<form method="post" action="/map/accept?${query}">${id}<button type="submit">Accept${what}</button> <button type="submit" formaction="/map/reject?${query}">Reject${what}</button></form>`;
}

function rowView(row: MappingRow, model: MapViewModel, place: MapPlace): Html {
  const open = model.picker?.pax8CompanyId === row.pax8CompanyId;
  const pick = h`<a href="${mapHref(place, { pick: row.pax8CompanyId })}" class="button"${open ? h` aria-current="true"` : ''}>Map by hand<span class="sr-only"> ${row.pax8CompanyName}</span></a>`;
  return h`<tr id="row-${row.pax8CompanyId}" data-pax8-company-id="${row.pax8CompanyId}" data-state="${row.state}">
  <th scope="row">${row.pax8CompanyName}</th>
  <td>${stateBadge(row)}</td>
  <td class="psa">${psaCell(row)}</td>
  <td class="decide">${decision(row, place)}</td>
  <td>${pick}</td>
</tr>${open && model.picker ? h`<tr class="picker-row"><td colspan="5">${pickerView(model.picker, place)}</td></tr>` : ''}`;
}

function filters(model: MapViewModel): Html {
  return h`<nav aria-label="Filter companies"><ul class="filters">${mappingFilters.map((f) => {
    const label = h`${filterLabel[f]} <span class="count">(${model.board.counts[f]})</span>`;
    return h`<li><a href="${mapHref({ filter: f, page: 1 })}"${f === model.filter ? h` aria-current="true"` : ''}>${label}</a></li>`;
  })}</ul></nav>`;
}

function pager(model: MapViewModel): Html {
  const { page } = model.board;
  const at = (n: number) => mapHref({ filter: model.filter, page: n });
  const where = page.total === 0 ? 'No rows' : `Rows ${page.first}–${page.last} of ${page.total}, page ${page.number} of ${page.count}`;
  return h`<nav aria-label="Pages of companies" class="pager"><span class="where">${where}</span>${page.number > 1 ? h` <a href="${at(page.number - 1)}" rel="prev">Previous page</a>` : ''}${page.number < page.count ? h` <a href="${at(page.number + 1)}" rel="next">Next page</a>` : ''}</nav>`;
}

function saveAll(model: MapViewModel): Html {
  const { pending, blocked } = model.board.counts;
  const ready = pending - blocked;
  return h`<form method="post" action="/map/save-all?${mapQuery({ filter: model.filter, page: model.board.page.number })}" class="inline"><button type="submit" class="primary"${ready === 0 ? h` disabled` : ''}>Save All (${ready} pending)</button></form>${blocked > 0 ? h` <span class="muted">${blocked} more left for you: their PSA company is already mapped.</span>` : ''}`;
}

/** The Map screen: Quick Match's pending badges (lowest score first) with their parts, accept or reject, the manual mapping picker, the filters, the pages, Save All and Next. */
export function mapView(model: MapViewModel): Html {
  const { counts } = model.board;
  const place: MapPlace = { filter: model.filter, page: model.board.page.number };
  return h`<p class="summary">${counts.mapped} of ${counts.all} Pax8 companies mapped; ${counts.pending} Quick Match suggestions pending. ${counts.psaTaken} of your ${counts.psa} PSA companies are taken (each maps to one Pax8 company). Only mapped companies' subscriptions are synced.</p>
<div class="toolbar">
  ${filters(model)}
  ${saveAll(model)}
  <form method="post" action="/map/quick-match" class="inline"><button type="submit">Run Quick Match again</button></form>
</div>
${pager(model)}
${model.picker && !model.board.rows.some((row) => row.pax8CompanyId === model.picker?.pax8CompanyId) ? h`<div class="card">${pickerView(model.picker, place)}</div>` : ''}
<table class="mappings">
  <caption class="sr-only">Pax8 companies and their PSA companies</caption>
  <thead><tr><th scope="col">Pax8 company</th><th scope="col">State</th><th scope="col">PSA company</th><th scope="col">Suggestion</th><th scope="col">Map by hand</th></tr></thead>
  <tbody>${model.board.rows.length === 0 ? h`<tr><td colspan="5">No companies in this view.</td></tr>` : model.board.rows.map((row) => rowView(row, model, place))}</tbody>
</table>
<div class="wizard-nav">
  <a href="/connect" class="button">Back</a>
  <form method="post" action="/map/next" class="inline">
    <button type="submit" class="primary"${model.nextError ? h` aria-describedby="next-error"` : ''}>Next: start syncing</button>
    ${fieldError('next', model.nextError)}
  </form>
</div>`;
}
