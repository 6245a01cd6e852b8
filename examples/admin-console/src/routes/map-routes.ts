import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { acceptSuggestion, mapManually, mappedCount, rejectSuggestion, runQuickMatch, saveAllSuggestions } from '../sdk/mapping-actions';
import { loadMappingBoard, parseMappingFilter, parsePageNumber } from '../sdk/mapping-board';
import { pickerResults } from '../sdk/picker-results';
import { layout } from '../views/layout';
import { mapHref, type MapPlace } from '../views/map-place';
import { mapView } from '../views/map-view';
import { type PickerModel, pickerResultsView } from '../views/psa-picker-view';
import { noticeParams, noticeText } from './notices';
import { formText, withConnection } from './with-connection';

interface MapPage {
  place: MapPlace;
  notice?: string | null;
  pick?: { pax8CompanyId: string; query: string; error?: string } | undefined;
  nextError?: string;
}

const placeOf = (c: Context): MapPlace => ({ filter: parseMappingFilter(c.req.query('filter')), page: parsePageNumber(c.req.query('page')) });

/**
 * The Map companies screen: `GET /map?filter=&page=` (`&pick=<Pax8 company>&q=` opens the manual
 * mapping picker under that row), `GET /map/psa-search` (the picker's results, as HTML, for the
 * progressive search), and the posts of its buttons (accept, reject or unmap, map by hand, Save
 * All, Quick Match, Next). Every link and form keeps the filter and the page.
 */
export function mapRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  const { engine, storage, psaDirectory } = deps;

  const picker = async (connectionId: string, pick: NonNullable<MapPage['pick']>): Promise<PickerModel | undefined> => {
    const [company] = await storage.companies.getMany(connectionId, [pick.pax8CompanyId]);
    if (!company || company.removedAt !== null) return undefined;
    const results = await pickerResults(deps, connectionId, pick.query);
    return { pax8CompanyId: company.id, pax8CompanyName: company.name, query: pick.query, results, error: pick.error };
  };
  const render = async (connectionId: string, page: MapPage) => {
    const board = await loadMappingBoard(engine, connectionId, await psaDirectory.listCompanies(), { ...page.place, pageSize: deps.mapPageSize });
    const open = page.pick ? await picker(connectionId, page.pick) : undefined;
    const body = mapView({ board, filter: page.place.filter, picker: open, nextError: page.nextError });
    return layout({ title: 'Map companies', section: 'map', notice: page.notice ?? null, body });
  };
  const back = (place: MapPlace, code: string, n?: number, anchor?: string, m?: number) => mapHref(place, noticeParams(code, n, m), anchor ? `row-${anchor}` : undefined);

  app.get('/map', (c) =>
    withConnection(c, storage, async (connection) => {
      const pick = c.req.query('pick');
      const page: MapPage = { place: placeOf(c), notice: noticeText(c.req.query('notice'), c.req.query('n'), c.req.query('m')), pick: pick ? { pax8CompanyId: pick, query: c.req.query('q') ?? '' } : undefined };
      return c.html(await render(connection.id, page));
    }),
  );

  app.get('/map/psa-search', (c) =>
    withConnection(c, storage, async (connection) => {
      const open = await picker(connection.id, { pax8CompanyId: c.req.query('pick') ?? '', query: c.req.query('q') ?? '' });
      if (!open) return c.text('Unknown Pax8 company', 404);
      return c.html(pickerResultsView(open));
    }),
  );

  app.post('/map/accept', (c) =>
    withConnection(c, storage, async (connection) => {
      const id = formText(await c.req.parseBody(), 'pax8CompanyId');
      const accepted = await acceptSuggestion(engine, connection.id, id);
      return c.redirect(back(placeOf(c), accepted.outcome, undefined, id), 303);
    }),
  );

  app.post('/map/reject', (c) =>
    withConnection(c, storage, async (connection) => {
      const id = formText(await c.req.parseBody(), 'pax8CompanyId');
      const before = await storage.mappings.get(connection.id, id);
      await rejectSuggestion(engine, connection.id, id);
      return c.redirect(back(placeOf(c), before?.state === 'confirmed' ? 'unmapped' : 'rejected', undefined, id), 303);
    }),
  );

  app.post('/map/manual', (c) =>
    withConnection(c, storage, async (connection) => {
      const body = await c.req.parseBody();
      const input = { connectionId: connection.id, pax8CompanyId: formText(body, 'pax8CompanyId'), psaCompanyId: formText(body, 'psaCompanyId') };
      const result = await mapManually(engine, psaDirectory, input);
      const place = placeOf(c);
      if (!result.ok) return c.html(await render(connection.id, { place, pick: { pax8CompanyId: input.pax8CompanyId, query: formText(body, 'q'), error: result.error } }), 422);
      return c.redirect(back(place, 'mapped', undefined, input.pax8CompanyId), 303);
    }),
  );

  app.post('/map/save-all', (c) =>
    withConnection(c, storage, async (connection) => {
      const saved = await saveAllSuggestions(engine, connection.id);
      return c.redirect(back(placeOf(c), 'saved-all', saved.confirmed, undefined, saved.skipped), 303);
    }),
  );

  app.post('/map/quick-match', (c) =>
    withConnection(c, storage, async (connection) => {
      const result = await runQuickMatch(engine, connection.id, psaDirectory);
      return c.redirect(back({ filter: 'all', page: 1 }, 'quick-match', result.suggestions.length), 303);
    }),
  );

  app.post('/map/next', (c) =>
    withConnection(c, storage, async (connection) => {
      if ((await mappedCount(engine, connection.id)) === 0) {
        const nextError = 'Map at least one company first: accept a suggestion, press Save All or map one by hand. Only mapped companies have their subscriptions synced.';
        return c.html(await render(connection.id, { place: { filter: 'all', page: 1 }, nextError }), 422);
      }
      deps.jobs.start(connection.id, 'subscriptions');
      return c.redirect('/complete', 303);
    }),
  );
  return app;
}
