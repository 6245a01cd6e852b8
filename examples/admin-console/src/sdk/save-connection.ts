import type { ConnectionSettings, ConnectionView, SyncEngine, VerifyConnectionResult } from '@pax8-sync/core';
import { type ConnectionForm, settingsOfForm } from './connection-form';
import { connectionFieldErrors, type FieldErrors, formFieldOf, isConfigError, messageOf } from './field-errors';

/** What {@link saveConnection} did: saved (every field valid), or nothing stored and the errors by field. */
export type SaveConnectionResult = { ok: true; connection: ConnectionView } | { ok: false; errors: FieldErrors };

/**
 * Saves the Connect form: creates the connection, or updates `existingId` (blank credentials keep
 * the stored ones). Every field is validated first and nothing is stored unless all are valid; the
 * engine validates again as it writes, in one step, so a rejected save never leaves half a
 * connection behind.
 */
export async function saveConnection(engine: SyncEngine, form: ConnectionForm, existingId?: string): Promise<SaveConnectionResult> {
  const settings = settingsOfForm(form);
  const errors = await connectionFieldErrors(settings, { keepCredentials: existingId !== undefined });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  try {
    const connection = existingId === undefined ? await engine.createConnection(settings as ConnectionSettings) : await engine.updateConnection(existingId, settings);
    return { ok: true, connection };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return { ok: false, errors: { [formFieldOf(error.field)]: messageOf(error) } };
  }
}

/** "Verify Connectivity": asks Pax8 for a token and one company with the stored settings; never throws for a failed check. */
export function verifyConnection(engine: SyncEngine, connectionId: string): Promise<VerifyConnectionResult> {
  return engine.verifyConnection(connectionId);
}
