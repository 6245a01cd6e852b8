import type { PickerResult } from '../sdk/picker-results';
import { psaSearchLimit } from '../sdk/psa-search';
import { fieldError } from './form-fields';
import { h, type Html } from './html';
import { mapHref, mapQuery, type MapPlace } from './map-place';

/** The manual mapping picker, open for one Pax8 company. */
export interface PickerModel {
  /** The Pax8 company being mapped. */
  pax8CompanyId: string;
  /** Its name. */
  pax8CompanyName: string;
  /** The search as typed. */
  query: string;
  /** What the search found (at most {@link psaSearchLimit}). */
  results: readonly PickerResult[];
  /** Why the last choice was refused, shown beside the search field. */
  error?: string | undefined;
}

function resultItem(picker: PickerModel, result: PickerResult): Html {
  const holder = result.takenBy;
  if (holder === null) {
    return h`<li><button type="submit" name="psaCompanyId" value="${result.id}"><span class="sr-only">Map ${picker.pax8CompanyName} to </span>${result.name}</button></li>`;
  }
  const whose = holder.pax8CompanyId === picker.pax8CompanyId ? 'already this company’s mapping' : `taken: mapped to the Pax8 company ${holder.pax8CompanyName}`;
  return h`<li class="taken" data-psa-company-id="${result.id}"><span class="name">${result.name}</span> <span class="muted">(${whose})</span></li>`;
}

/** The picker's result list: the fragment `GET /map/psa-search` returns and the picker shows. */
export function pickerResultsView(picker: PickerModel): Html {
  const n = picker.results.length;
  const query = picker.query.trim();
  const count =
    query === ''
      ? 'Type a few letters of the name, then Search.'
      : n === 0
        ? `No PSA company matches "${query}".`
        : `${n === psaSearchLimit ? `The first ${n}` : n} PSA ${n === 1 ? 'company matches' : 'companies match'} "${query}"${n === psaSearchLimit ? ': type more to narrow' : ''}.`;
  // The query travels with the choice, so a refused choice shows the same results again.
  return h`<input type="hidden" name="q" value="${picker.query}"><p class="result-count">${count}</p>${n === 0 ? '' : h`<ul class="psa-results">${picker.results.map((r) => resultItem(picker, r))}</ul>`}`;
}

/**
 * The one manual mapping picker of the Map screen, open under its row: a search field (a GET form,
 * so it works without JavaScript; with it, `console.js` asks `/map/psa-search` as you type) and at
 * most ten results, each a button that maps. Taken PSA companies are listed but cannot be chosen.
 */
export function pickerView(picker: PickerModel, place: MapPlace): Html {
  const describedBy = `psa-query-hint${picker.error ? ' psa-query-error' : ''}`;
  return h`<section class="picker" id="picker" aria-labelledby="picker-title">
  <h2 id="picker-title">Map ${picker.pax8CompanyName} by hand</h2>
  <form method="get" action="/map" role="search" class="picker-search" data-psa-search="/map/psa-search">
    <input type="hidden" name="filter" value="${place.filter}"><input type="hidden" name="page" value="${place.page}"><input type="hidden" name="pick" value="${picker.pax8CompanyId}">
    <label for="psa-query">Search your PSA companies for ${picker.pax8CompanyName}</label>
    <input type="search" id="psa-query" name="q" value="${picker.query}" autocomplete="off" autofocus aria-controls="psa-results" aria-describedby="${describedBy}"${picker.error ? h` aria-invalid="true"` : ''}>
    <button type="submit">Search</button>
  </form>
  <p class="hint" id="psa-query-hint">A few letters of the name; the first ${psaSearchLimit} matches are listed. A PSA company already mapped to another Pax8 company is marked and cannot be chosen.</p>
  ${fieldError('psa-query', picker.error ? `PSA company ${picker.error}` : undefined)}
  <form method="post" action="/map/manual?${mapQuery(place)}">
    <input type="hidden" name="pax8CompanyId" value="${picker.pax8CompanyId}">
    <div id="psa-results" aria-live="polite">${pickerResultsView(picker)}</div>
  </form>
  <p><a href="${mapHref(place, {}, `row-${picker.pax8CompanyId}`)}">Close the picker</a></p>
</section>`;
}
