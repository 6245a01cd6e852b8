import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { acceptSuggestion, mapManually, mappedCount, rejectSuggestion, runQuickMatch, saveAllSuggestions } from '../sdk/mapping-actions';
import { loadMappingBoard, type MappingFilter, parseMappingFilter } from '../sdk/mapping-board';
import { layout } from '../views/layout';
import { type MapViewModel, mapView } from '../views/map-view';
import { notice, noticeText } from './notices';
import { formText, withConnection } from './with-connection';

/** The Map companies screen: `GET /map?filter=`, and the posts of its buttons (accept, reject, map by hand, Save All, Quick Match, Next). */
export function mapRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  const { engine, storage, psaDirectory } = deps;
  const render = async (connectionId: string, filter: MappingFilter, extra: Omit<MapViewModel, 'board' | 'filter'> & { notice?: string | null }) => {
    const board = await loadMappingBoard(engine, connectionId, await psaDirectory.listCompanies(), filter);
    return layout({ title: 'Map companies', section: 'map', notice: extra.notice ?? null, body: mapView({ board, filter, ...extra }) });
  };
  const back = (filter: string, code: string, n?: number, anchor?: string) => `/map?filter=${parseMappingFilter(filter)}&${notice(code, n)}${anchor ? `#row-${encodeURIComponent(anchor)}` : ''}`;

  app.get('/map', (c) =>
    withConnection(c, storage, async (connection) =>
      c.html(await render(connection.id, parseMappingFilter(c.req.query('filter')), { notice: noticeText(c.req.query('notice'), c.req.query('n')) })),
    ),
  );

  app.post('/map/accept', (c) =>
    withConnection(c, storage, async (connection) => {
      const body = await c.req.parseBody();
      const id = formText(body, 'pax8CompanyId');
      const accepted = await acceptSuggestion(engine, connection.id, id);
      return c.redirect(back(formText(body, 'filter'), accepted ? 'accepted' : 'not-pending', undefined, id), 303);
    }),
  );

  app.post('/map/reject', (c) =>
    withConnection(c, storage, async (connection) => {
      const body = await c.req.parseBody();
      const id = formText(body, 'pax8CompanyId');
      await rejectSuggestion(engine, connection.id, id);
      return c.redirect(back(formText(body, 'filter'), 'rejected', undefined, id), 303);
    }),
  );

  app.post('/map/manual', (c) =>
    withConnection(c, storage, async (connection) => {
      const body = await c.req.parseBody();
      const input = { connectionId: connection.id, pax8CompanyId: formText(body, 'pax8CompanyId'), psaCompanyId: formText(body, 'psaCompanyId') };
      const result = await mapManually(engine, psaDirectory, input);
      const filter = parseMappingFilter(formText(body, 'filter'));
      if (!result.ok) return c.html(await render(connection.id, filter, { manualError: { ...input, error: result.error } }), 422);
      return c.redirect(back(filter, 'mapped', undefined, input.pax8CompanyId), 303);
    }),
  );

  app.post('/map/save-all', (c) =>
    withConnection(c, storage, async (connection) => {
      const saved = await saveAllSuggestions(engine, connection.id);
      return c.redirect(back('all', 'saved-all', saved), 303);
    }),
  );

  app.post('/map/quick-match', (c) =>
    withConnection(c, storage, async (connection) => {
      const result = await runQuickMatch(engine, connection.id, psaDirectory);
      return c.redirect(back('all', 'quick-match', result.suggestions.length), 303);
    }),
  );

  app.post('/map/next', (c) =>
    withConnection(c, storage, async (connection) => {
      if ((await mappedCount(engine, connection.id)) === 0) {
        const nextError = 'Map at least one company first: accept a suggestion, press Save All or map one by hand. Only mapped companies have their subscriptions synced.';
        return c.html(await render(connection.id, 'all', { nextError }), 422);
      }
      deps.jobs.start(connection.id, 'subscriptions');
      return c.redirect('/complete', 303);
    }),
  );
  return app;
}
