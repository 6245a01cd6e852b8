import { type MappingBoard, type MappingFilter, type MappingRow, mappingFilters } from '../sdk/mapping-board';
import { fieldError } from './form-fields';
import { h, type Html } from './html';

/** What the Map screen shows. */
export interface MapViewModel {
  /** Rows, counts and PSA companies. */
  board: MappingBoard;
  /** The filter in use. */
  filter: MappingFilter;
  /** A manual mapping that was refused: the row and the reason, shown beside its dropdown. */
  manualError?: { pax8CompanyId: string; psaCompanyId: string; error: string } | undefined;
  /** Why Next was refused, shown beside it. */
  nextError?: string | undefined;
}

const filterLabel: Record<MappingFilter, string> = { all: 'All', mapped: 'Mapped Only', unmapped: 'Unmapped Only' };

function stateBadge(row: MappingRow): Html {
  if (row.state === 'pending') {
    const score = (row.score ?? 0).toFixed(2);
    return h`<span class="badge pending" data-score="${score}">Pending <span class="score">${score}</span></span>`;
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

function hidden(name: string, value: string): Html {
  return h`<input type="hidden" name="${name}" value="${value}">`;
}

function decisionButtons(row: MappingRow, filter: MappingFilter): Html {
  if (row.state !== 'pending') return h``;
  const what = h`<span class="sr-only"> ${row.pax8CompanyName} as ${row.psaCompanyName ?? row.psaCompanyId ?? ''}</span>`;
  return h`<form method="post" action="/map/accept" class="inline">${hidden('pax8CompanyId', row.pax8CompanyId)}${hidden('filter', filter)}<button type="submit">Accept${what}</button></form>
<form method="post" action="/map/reject" class="inline">${hidden('pax8CompanyId', row.pax8CompanyId)}${hidden('filter', filter)}<button type="submit">Reject${what}</button></form>`;
}

function manualForm(row: MappingRow, model: MapViewModel, index: number): Html {
  const refused = model.manualError?.pax8CompanyId === row.pax8CompanyId ? model.manualError : undefined;
  const chosen = refused?.psaCompanyId ?? (row.state === 'mapped' ? (row.psaCompanyId ?? '') : '');
  const id = `psa-${index}`;
  return h`<form method="post" action="/map/manual" class="manual" data-manual>
  ${hidden('pax8CompanyId', row.pax8CompanyId)}${hidden('filter', model.filter)}
  <label for="${id}-search" class="sr-only">Search PSA companies for ${row.pax8CompanyName}</label>
  <input type="search" id="${id}-search" placeholder="Search…" data-filter-for="${id}" autocomplete="off">
  <label for="${id}" class="sr-only">PSA company for ${row.pax8CompanyName}</label>
  <select id="${id}" name="psaCompanyId"${refused ? h` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
    <option value="">Choose a PSA company…</option>
    ${model.board.psaCompanies.map((c) => h`<option value="${c.id}"${c.id === chosen ? h` selected` : ''}>${c.name}</option>`)}
  </select>
  <button type="submit">Map<span class="sr-only"> ${row.pax8CompanyName}</span></button>
  ${fieldError(id, refused ? `PSA company ${refused.error}` : undefined)}
</form>`;
}

function rowView(row: MappingRow, model: MapViewModel, index: number): Html {
  return h`<tr id="row-${row.pax8CompanyId}" data-pax8-company-id="${row.pax8CompanyId}" data-state="${row.state}">
  <th scope="row">${row.pax8CompanyName}</th>
  <td>${stateBadge(row)}</td>
  <td class="psa">${psaCell(row)}</td>
  <td class="decide">${decisionButtons(row, model.filter)}</td>
  <td>${manualForm(row, model, index)}</td>
</tr>`;
}

function filters(model: MapViewModel): Html {
  return h`<nav aria-label="Filter companies"><ul class="filters">${mappingFilters.map((f) => {
    const label = h`${filterLabel[f]} <span class="count">(${model.board.counts[f]})</span>`;
    return h`<li><a href="/map?filter=${f}"${f === model.filter ? h` aria-current="true"` : ''}>${label}</a></li>`;
  })}</ul></nav>`;
}

/** The Map screen: Quick Match's pending badges (lowest score first), accept or reject, manual mapping with search, the filters, Save All and Next. */
export function mapView(model: MapViewModel): Html {
  const { counts } = model.board;
  return h`<p class="summary">${counts.mapped} of ${counts.all} Pax8 companies mapped; ${counts.pending} Quick Match suggestions pending. Only mapped companies' subscriptions are synced.</p>
<div class="toolbar">
  ${filters(model)}
  <form method="post" action="/map/save-all" class="inline"><button type="submit" class="primary"${counts.pending === 0 ? h` disabled` : ''}>Save All (${counts.pending} pending)</button></form>
  <form method="post" action="/map/quick-match" class="inline"><button type="submit">Run Quick Match again</button></form>
</div>
<table class="mappings">
  <caption class="sr-only">Pax8 companies and their PSA companies</caption>
  <thead><tr><th scope="col">Pax8 company</th><th scope="col">State</th><th scope="col">PSA company</th><th scope="col">Suggestion</th><th scope="col">Map by hand</th></tr></thead>
  <tbody>${model.board.rows.length === 0 ? h`<tr><td colspan="5">No companies in this view.</td></tr>` : model.board.rows.map((row, i) => rowView(row, model, i))}</tbody>
</table>
<div class="wizard-nav">
  <a href="/connect" class="button">Back</a>
  <form method="post" action="/map/next" class="inline">
    <button type="submit" class="primary"${model.nextError ? h` aria-describedby="next-error"` : ''}>Next: start syncing</button>
    ${fieldError('next', model.nextError)}
  </form>
</div>`;
}
