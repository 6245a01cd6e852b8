import { type ConnectionSettings, type ConnectionView, Pax8SyncAuthorizationError, type SyncEngine } from '@pax8-sync/core';
import type { DelegatedApplication } from '../console-deps';
import { connectionFieldErrors, type FieldErrors, isConfigError, formFieldOf, messageOf } from './field-errors';

/** What the "Connect to Pax8" form asks: the rest comes from the PSA's application. */
export interface DelegatedForm {
  /** Connection name. */
  name: string;
  /** `Production` or `Sandbox`, as typed. */
  environment: string;
  /** Pax8 API base URL as typed (the application's `baseUrl` wins when set). */
  baseUrl: string;
  /** Two letters. */
  country: string;
  /** Three letters. */
  currency: string;
}

/**
 * Creates an `authorization-code` connection for `form` with the PSA's application (not yet
 * connected: the partner consents next). Bad input comes back as errors by field, nothing stored.
 */
export async function createDelegatedConnection(
  engine: SyncEngine,
  application: DelegatedApplication,
  form: DelegatedForm,
): Promise<{ ok: true; connection: ConnectionView } | { ok: false; errors: FieldErrors }> {
  const baseUrl = application.baseUrl ?? form.baseUrl;
  const settings = { name: form.name, environment: form.environment as ConnectionSettings['environment'], country: form.country.toUpperCase(), currency: form.currency.toUpperCase(), ...(baseUrl ? { baseUrl } : {}) };
  const errors = await connectionFieldErrors({ ...settings, clientId: 'x', clientSecret: 'x' });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { clientId, clientSecret, authorizationEndpoint, tokenEndpoint } = application;
  try {
    const auth = { kind: 'authorization-code' as const, clientId, ...(clientSecret ? { clientSecret } : {}), ...(authorizationEndpoint ? { authorizationEndpoint } : {}), ...(tokenEndpoint ? { tokenEndpoint } : {}) };
    return { ok: true, connection: await engine.createConnection({ ...settings, auth }) };
  } catch (error) {
    if (isConfigError(error)) return { ok: false, errors: { [formFieldOf(error.field)]: messageOf(error) } };
    throw error;
  }
}

/** Pax8's callback query, as `completeAuthorization` takes it. */
export function callbackOf(query: URLSearchParams): { state: string; code: string } | { state: string; error: string; errorDescription?: string } {
  const state = query.get('state') ?? '';
  const error = query.get('error');
  if (error === null) return { state, code: query.get('code') ?? '' };
  const description = query.get('error_description');
  return description === null ? { state, error } : { state, error, errorDescription: description };
}

/**
 * Completes "Connect to Pax8" from the callback's query: the connection id, or the plain reason
 * it failed (declined, expired, used twice, not started here). Nothing is connected on failure.
 */
export async function completeDelegated(engine: SyncEngine, query: URLSearchParams): Promise<{ ok: true; connectionId: string } | { ok: false; reason: string }> {
  try {
    const { connectionId } = await engine.completeAuthorization(callbackOf(query));
    return { ok: true, connectionId };
  } catch (failure) {
    if (!Pax8SyncAuthorizationError.isInstance(failure)) throw failure;
    return { ok: false, reason: failure.message };
  }
}
