import type { ConnectionView, VerifyConnectionResult } from '@pax8-sync/core';
import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { type ConnectionForm, emptyConnectionForm, formOfConnection, parseConnectionForm } from '../sdk/connection-form';
import { currentConnection } from '../sdk/current-connection';
import { createDelegatedConnection } from '../sdk/delegated-connection';
import type { FieldErrors } from '../sdk/field-errors';
import { mappedCount, syncCompaniesAndSuggest } from '../sdk/mapping-actions';
import { checkConnectionForm, saveConnection } from '../sdk/save-connection';
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
  retypeSecret?: boolean;
}

function verifiedNotice(verify: VerifyConnectionResult, existing: boolean): string {
  if (verify.ok) return 'Pax8 accepts these settings. Nothing is saved yet: press Save to store them.';
  return existing ? 'Pax8 did not accept these settings. Nothing was saved: the stored connection is unchanged.' : 'Pax8 did not accept these settings. Nothing was saved.';
}

function refusedNotice(existing: boolean): string {
  return existing ? 'Not saved: Pax8 did not accept these settings, so the stored connection is unchanged.' : 'Not saved: Pax8 did not accept these settings.';
}

/**
 * The Connect screen: `GET /connect` shows the form (`?fill=simulator` fills in the demo's
 * simulator). `POST /connect` with `action=verify` checks the settings as typed and stores
 * nothing; with `action=save` it stores them only when valid (new credentials or endpoint
 * accepted by Pax8 first), then (until a company is mapped) syncs companies, runs Quick Match and
 * goes on to Map.
 */
export function connectRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  const render = (page: ConnectPage) =>
    layout({
      title: 'Connect to Pax8',
      section: 'connect',
      notice: page.notice ?? null,
      body: connectView({ form: page.form, existing: page.existing, errors: page.errors ?? {}, verify: page.verify ?? null, mapped: page.mapped, demo: deps.demo, delegated: deps.delegated !== undefined, showSecret: page.showSecret ?? false, retypeSecret: page.retypeSecret ?? false }),
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
    const page = { form, existing: before, mapped: before ? await mappedCount(deps.engine, before.id) : 0 };
    if (body.action === 'verify') {
      // Verify Connectivity stores nothing: the typed settings are checked on a scratch storage.
      const checked = await checkConnectionForm(deps, form, before);
      if (checked.outcome === 'invalid') return c.html(render({ ...page, errors: checked.errors }), 422);
      return c.html(render({ ...page, verify: checked.verify, retypeSecret: form.clientSecret !== '', notice: verifiedNotice(checked.verify, before !== undefined) }));
    }
    if (body.action === 'pax8' && deps.delegated && before === undefined) {
      // "Connect to Pax8": a delegated connection with the PSA's application; the partner consents next.
      const created = await createDelegatedConnection(deps.engine, deps.delegated, { name: form.name, environment: form.environment, baseUrl: form.baseUrl, country: form.country, currency: form.currency });
      if (!created.ok) return c.html(render({ ...page, errors: created.errors }), 422);
      return c.redirect(`/pax8/start?connection=${encodeURIComponent(created.connection.id)}`, 303);
    }
    const saved = await saveConnection(deps, form, before);
    if (saved.outcome === 'invalid') return c.html(render({ ...page, errors: saved.errors }), 422);
    if (saved.outcome === 'refused') return c.html(render({ ...page, verify: saved.verify, retypeSecret: form.clientSecret !== '', notice: refusedNotice(before !== undefined) }), 422);
    const existing = saved.connection;
    if (page.mapped > 0) return c.redirect(`/manage?${notice('saved')}`, 303);
    const prepared = await syncCompaniesAndSuggest(deps, existing.id);
    if (!prepared.ok) return c.html(render({ form: formOfConnection(existing), existing, mapped: 0, verify: saved.verify, notice: `Connected, but ${prepared.reason}.` }));
    return c.redirect(`/map?${notice('quick-match', prepared.suggestions)}`, 303);
  });
  return app;
}
