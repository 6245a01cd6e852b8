import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { completeDelegated } from '../sdk/delegated-connection';
import { syncCompaniesAndSuggest } from '../sdk/mapping-actions';
import { h } from '../views/html';
import { layout } from '../views/layout';
import { notice } from './notices';

const failedPage = (reason: string) =>
  layout({ title: 'Pax8 was not connected', section: 'connect', body: h`<p class="field-error" role="alert" id="authorization-failure">Pax8 was not connected: ${reason}</p><p><a href="/connect">Back to Connect</a></p>` });

/**
 * "Connect to Pax8" (delegated authorization; the connection is created by the Connect
 * form's "Connect to Pax8" button): `GET /pax8/start`
 * (also "Re-authenticate") sends the person to Pax8's login; `GET /pax8/callback` completes it,
 * runs the initial sync and Quick Match, and goes on to Map, or shows the plain reason.
 */
export function delegatedRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  app.get('/pax8/start', async (c) => {
    // In your product: check here that the signed-in user may manage this connection.
    const redirectUri = new URL('/pax8/callback', c.req.url).href;
    const { url } = await deps.engine.beginAuthorization({ connectionId: c.req.query('connection') ?? '', redirectUri });
    c.header('cache-control', 'no-store');
    return c.redirect(url, 302);
  });
  app.get('/pax8/callback', async (c) => {
    const completed = await completeDelegated(deps.engine, new URL(c.req.url).searchParams);
    if (!completed.ok) return c.html(failedPage(completed.reason), 400);
    await deps.engine.runInitialSync({ connectionId: completed.connectionId });
    const prepared = await syncCompaniesAndSuggest(deps, completed.connectionId);
    if (!prepared.ok) return c.redirect('/manage', 303);
    return c.redirect(`/map?${notice('quick-match', prepared.suggestions)}`, 303);
  });
  return app;
}
