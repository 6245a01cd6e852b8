import type { ConnectionSettings, ConnectionView, SyncEngine, VerifyConnectionResult } from '@pax8-sync/core';
import { type ConnectionForm, settingsOfForm } from './connection-form';
import { connectionFieldErrors, type FieldErrors, formFieldOf, isConfigError, messageOf } from './field-errors';
import { changesAccess, type VerifySettingsDeps, verifySettings } from './verify-settings';

/** What the Connect form's two buttons need: the engine that stores, and what the scratch check needs. */
export interface ConnectionFormDeps extends VerifySettingsDeps {
  /** The engine bound to `storage`. */
  engine: SyncEngine;
}

/** What {@link checkConnectionForm} found: bad fields (nothing asked of Pax8), or Pax8's answer. */
export type CheckConnectionResult = { outcome: 'invalid'; errors: FieldErrors } | { outcome: 'checked'; verify: VerifyConnectionResult };

/** What {@link saveConnection} did. Only `saved` stored anything. */
export type SaveConnectionResult =
  | { outcome: 'saved'; connection: ConnectionView; verify: VerifyConnectionResult | null }
  | { outcome: 'invalid'; errors: FieldErrors }
  | { outcome: 'refused'; verify: VerifyConnectionResult };

async function fieldErrorsOf(settings: Partial<ConnectionSettings>, existing: ConnectionView | undefined): Promise<FieldErrors | undefined> {
  const errors = await connectionFieldErrors(settings, { keepCredentials: existing !== undefined });
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * "Verify Connectivity": every field checked by the SDK's validation, then the settings as typed
 * asked of Pax8 on a scratch storage (see {@link verifySettings}). Stores nothing, so a refused
 * secret typed over a working connection changes nothing of it; with every field blank or
 * unchanged it verifies the stored connection's settings.
 */
export async function checkConnectionForm(deps: ConnectionFormDeps, form: ConnectionForm, existing: ConnectionView | undefined): Promise<CheckConnectionResult> {
  const settings = settingsOfForm(form);
  const errors = await fieldErrorsOf(settings, existing);
  if (errors) return { outcome: 'invalid', errors };
  return { outcome: 'checked', verify: await verifySettings(deps, settings, existing?.id) };
}

/**
 * "Save": creates the connection, or updates `existing` (blank credentials keep the stored ones),
 * storing only valid settings: every field valid, and, when the credentials or the endpoint are
 * new, accepted by Pax8 first (checked without storing). Nothing is stored otherwise; the engine
 * validates again as it writes, in one step, so a rejected save never leaves half a connection.
 */
export async function saveConnection(deps: ConnectionFormDeps, form: ConnectionForm, existing: ConnectionView | undefined): Promise<SaveConnectionResult> {
  const settings = settingsOfForm(form);
  const errors = await fieldErrorsOf(settings, existing);
  if (errors) return { outcome: 'invalid', errors };
  let verify: VerifyConnectionResult | null = null;
  if (changesAccess(settings, existing)) {
    verify = await verifySettings(deps, settings, existing?.id);
    if (!verify.ok) return { outcome: 'refused', verify };
  }
  try {
    const connection = existing === undefined ? await deps.engine.createConnection(settings as ConnectionSettings) : await deps.engine.updateConnection(existing.id, settings);
    return { outcome: 'saved', connection, verify };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return { outcome: 'invalid', errors: { [formFieldOf(error.field)]: messageOf(error) } };
  }
}
