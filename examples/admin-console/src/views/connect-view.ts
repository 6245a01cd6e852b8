import type { ConnectionView, VerifyConnectionResult } from '@pax8-sync/core';
import type { DemoPax8Hint } from '../console-deps';
import { type ConnectionForm, companyDefaultKeys } from '../sdk/connection-form';
import type { FieldErrors } from '../sdk/field-errors';
import { checkboxField, errorSummary, fieldError, selectField, textField } from './form-fields';
import { h, type Html } from './html';

/** The label of each Connect field (also used by the error summary). */
export const connectLabels = {
  form: 'Settings',
  name: 'Connection name',
  environment: 'Environment',
  baseUrl: 'Endpoint',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  country: 'Country',
  currency: 'Currency',
  selfServiceAllowed: 'Self-service allowed',
  billOnBehalfOfEnabled: 'Bill on behalf of',
  orderApprovalRequired: 'Order approval required',
} satisfies Record<string, string>;

/** What the Connect screen shows. */
export interface ConnectViewModel {
  /** The form's values (the secret is never rendered back, except the demo's public one). */
  form: ConnectionForm;
  /** Errors by field, from the SDK's validation. */
  errors: FieldErrors;
  /** The stored connection being edited, if any. */
  existing: ConnectionView | undefined;
  /** The result of "Verify Connectivity", if it just ran. */
  verify: VerifyConnectionResult | null;
  /** How many companies are mapped: with none, saving goes on to the Map step. */
  mapped: number;
  /** Demo only: the simulator's address and credentials. */
  demo: DemoPax8Hint | undefined;
  /** "Connect to Pax8" is offered (the console has the PSA's application). */
  delegated: boolean;
  /** Render the secret's value (the demo's "fill in the simulator" only). */
  showSecret: boolean;
  /** A secret was typed and checked but not stored: say it must be typed again to be saved (it is never sent back). */
  retypeSecret: boolean;
}

function verifyResult(verify: VerifyConnectionResult | null): Html {
  if (verify === null) return h``;
  return verify.ok
    ? h`<p class="verify ok">Connected: Pax8 issued a token and answered in ${verify.latencyMs} ms.</p>`
    : h`<p class="verify failed">Not connected: ${verify.reason ?? 'unknown reason'}.</p>`;
}

function demoBox(demo: DemoPax8Hint | undefined): Html {
  if (demo === undefined) return h``;
  return h`<aside class="demo" aria-labelledby="demo-title">
  <h2 id="demo-title">Demo: a simulated Pax8</h2>
  <p>This console runs against the Pax8 simulator at <code>${demo.baseUrl}</code>, which accepts client ID <code>${demo.clientId}</code> and secret <code>${demo.clientSecret}</code> (demo values).</p>
  <p><a href="/connect?fill=simulator">Fill in the simulator's details</a></p>
</aside>`;
}

function credentialHint(existing: boolean, secret: boolean, retype = false): string {
  if (retype) return 'Type the secret again to save it: it is never sent back to the browser, so this field is blank.';
  if (existing) return 'Stored sealed, never shown again. Leave blank to keep the stored one.';
  return secret ? 'Stored sealed (AES-256-GCM); never shown again, logged or sent back to the browser.' : 'The client ID of your Pax8 API credentials.';
}

function companyDefaults(model: ConnectViewModel): Html {
  const sandbox = model.form.environment === 'Sandbox';
  return h`<fieldset class="defaults" aria-describedby="defaults-hint">
  <legend>Defaults for companies created in Pax8</legend>
  <p class="hint" id="defaults-hint">Always off for a Sandbox connection: it never changes anything in Pax8.</p>
  ${companyDefaultKeys.map((key) => checkboxField({ name: key, label: connectLabels[key], checked: model.form.companyDefaults[key] && !sandbox, disabled: sandbox, error: model.errors[key] }))}
</fieldset>`;
}

function delegatedBox(model: ConnectViewModel): Html {
  if (!model.delegated) return h``;
  const existing = model.existing;
  const action =
    existing === undefined
      ? h`<p>Fill in the name, environment, country and currency on the left (no client ID or secret), then:</p><button type="submit" form="connect-form" name="action" value="pax8" class="primary">Connect to Pax8</button>`
      : existing.auth.kind === 'authorization-code'
        ? h`<p>Status: ${authStatusWords(existing)}.</p><p><a class="button" href="/pax8/start?connection=${existing.id}">${existing.auth.status === 'not-connected' ? 'Connect to Pax8' : 'Re-authenticate'}</a></p>`
        : h`<p>This connection uses the partner's own API credentials.</p>`;
  return h`<section class="card delegated" aria-labelledby="delegated-title">
  <h2 id="delegated-title">Connect to Pax8 (delegated sign-in)</h2>
  <p>The partner signs in at Pax8 and consents; this product keeps a refresh token, sealed. No partner credentials are typed here.</p>
  ${action}
</section>`;
}

/** The auth status of a connection, in words. */
export function authStatusWords(connection: ConnectionView): string {
  const auth = connection.auth;
  if (auth.kind !== 'authorization-code') return 'the partner\'s own API credentials';
  if (auth.status === 'connected') return 'connected by delegated sign-in';
  if (auth.status === 'not-connected') return 'not connected: the partner has not consented yet';
  return `re-authentication required${auth.reason ? `: ${auth.reason}` : ''}`;
}

/** The Connect screen: Work 365's provider form with every field, Verify Connectivity, and the place for delegated sign-in. */
export function connectView(model: ConnectViewModel): Html {
  const { form, errors } = model;
  const existing = model.existing !== undefined;
  return h`${errorSummary(errors, connectLabels)}
<div class="columns">
<form method="post" action="/connect" id="connect-form" class="card" novalidate aria-labelledby="form-title" data-connect>
  <h2 id="form-title">${existing ? 'Provider connection' : 'New provider connection'}</h2>
  ${fieldError('form', errors.form)}
  ${textField({ name: 'name', label: connectLabels.name, value: form.name, error: errors.name, placeholder: 'Contoso MSP (Pax8)' })}
  ${selectField({
    name: 'environment',
    label: connectLabels.environment,
    value: form.environment,
    options: [['Production', 'Production'], ['Sandbox', 'Sandbox']],
    error: errors.environment,
    hint: 'Pax8 has no sandbox: a Sandbox connection reads Pax8 but never changes anything there (orders go as mock orders, other writes are refused).',
  })}
  ${textField({ name: 'baseUrl', label: connectLabels.baseUrl, value: form.baseUrl, error: errors.baseUrl, type: 'url', hint: 'Pax8 API base URL; https://api.pax8.com unless you test against a simulator.' })}
  ${textField({ name: 'clientId', label: connectLabels.clientId, value: form.clientId, error: errors.clientId, hint: credentialHint(existing, false) })}
  ${textField({ name: 'clientSecret', label: connectLabels.clientSecret, value: model.showSecret ? form.clientSecret : '', error: errors.clientSecret, type: 'password', autocomplete: 'new-password', hint: credentialHint(existing, true, model.retypeSecret) })}
  ${textField({ name: 'country', label: connectLabels.country, value: form.country, error: errors.country, hint: 'Two letters (ISO 3166-1), e.g. US.', placeholder: 'US' })}
  ${textField({ name: 'currency', label: connectLabels.currency, value: form.currency, error: errors.currency, hint: 'Three letters (ISO 4217), e.g. USD.', placeholder: 'USD' })}
  ${companyDefaults(model)}
  <div class="actions">
    <button type="submit" name="action" value="verify" aria-describedby="verify-hint">Verify Connectivity</button>
    <button type="submit" name="action" value="save" class="primary">${model.mapped > 0 ? 'Save' : 'Save and continue'}</button>
  </div>
  <p class="hint" id="verify-hint">Verify Connectivity asks Pax8 with the settings as typed and saves nothing; Save stores them, new credentials or a new endpoint only once Pax8 accepts them.</p>
  <div id="verify-result" role="status" aria-live="polite">${verifyResult(model.verify)}</div>
</form>
<div class="side">
  ${demoBox(model.demo)}
  ${delegatedBox(model)}
</div>
</div>`;
}
