import type { ConnectionView, VerifyConnectionResult } from '@pax8-sync/core';
import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { type ConnectionForm, emptyConnectionForm, formOfConnection, parseConnectionForm } from '../sdk/connection-form';
import { currentConnection } from '../sdk/current-connection';
import type { FieldErrors } from '../sdk/field-errors';
import { mappedCount, syncCompaniesAndSuggest } from '../sdk/mapping-actions';
import { saveConnection, verifyConnection } from '../sdk/save-connection';
import { connectView } from '../views/connect-view';
import { layout } from '../views/layout';
import { notice, noticeText } from './notices';

interface ConnectPage {
  form: ConnectionForm;
  existing: ConnectionView | undefined;
  mapped: number;
  errors?: FieldErrors;
  verify?: VerifyConnectionResult | null;
  notice?: string | null;
  showSecret?: boolean;
}

/** The Connect screen: `GET /connect` shows the form (`?fill=simulator` fills in the demo's simulator), `POST /connect` saves and verifies, then (until a company is mapped) syncs companies, runs Quick Match and goes on to Map. */
export function connectRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  const render = (page: ConnectPage) =>
    layout({
      title: 'Connect to Pax8',
      section: 'connect',
      notice: page.notice ?? null,
      body: connectView({ form: page.form, existing: page.existing, errors: page.errors ?? {}, verify: page.verify ?? null, mapped: page.mapped, demo: deps.demo, showSecret: page.showSecret ?? false }),
    });

  app.get('/connect', async (c) => {
    const existing = await currentConnection(deps.storage);
    const form = existing ? formOfConnection(existing) : emptyConnectionForm();
    const fill = c.req.query('fill') === 'simulator' && deps.demo !== undefined;
    if (fill && deps.demo) Object.assign(form, { baseUrl: deps.demo.baseUrl, clientId: deps.demo.clientId, clientSecret: deps.demo.clientSecret });
    const mapped = existing ? await mappedCount(deps.engine, existing.id) : 0;
    return c.html(render({ form, existing, mapped, showSecret: fill, notice: noticeText(c.req.query('notice'), c.req.query('n')) }));
  });

  app.post('/connect', async (c) => {
    const body = await c.req.parseBody();
    const form = parseConnectionForm(body);
    const before = await currentConnection(deps.storage);
    const saved = await saveConnection(deps.engine, form, before?.id);
    if (!saved.ok) return c.html(render({ form, existing: before, mapped: before ? await mappedCount(deps.engine, before.id) : 0, errors: saved.errors }), 422);
    const existing = saved.connection;
    const verify = await verifyConnection(deps.engine, existing.id);
    const kept = formOfConnection(existing);
    const mapped = await mappedCount(deps.engine, existing.id);
    if (body.action === 'verify' || !verify.ok) {
      const text = verify.ok ? 'Connection saved.' : 'Connection saved, but Pax8 did not accept it: fix it and verify again.';
      return c.html(render({ form: kept, existing, mapped, verify, notice: text }));
    }
    if (mapped > 0) return c.redirect(`/manage?${notice('saved')}`, 303);
    const prepared = await syncCompaniesAndSuggest(deps, existing.id);
    if (!prepared.ok) return c.html(render({ form: kept, existing, mapped, verify, notice: `Connected, but ${prepared.reason}.` }));
    return c.redirect(`/map?${notice('quick-match', prepared.suggestions)}`, 303);
  });
  return app;
}
