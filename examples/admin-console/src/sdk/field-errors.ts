import { randomBytes } from 'node:crypto';
import { type ConnectionSettings, createAesGcmCodec, createSyncEngine, type Pax8SyncConfigError, Pax8SyncError } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';

/** Errors by form field name (`name`, `baseUrl`, `selfServiceAllowed`, ...; `form` for the settings as a whole). */
export type FieldErrors = Partial<Record<string, string>>;

/** True for the SDK's bad-input error, even from a duplicate install of `@pax8-sync/core`. */
export function isConfigError(error: unknown): error is Pax8SyncConfigError {
  return Pax8SyncError.isInstance(error) && error.code === 'invalid-input' && typeof (error as { field?: unknown }).field === 'string';
}

/** The form field a `Pax8SyncConfigError.field` names: `settings.baseUrl` → `baseUrl`, `settings.companyDefaults.x` → `x`. */
export function formFieldOf(sdkField: string): string {
  const last = sdkField.split('.').at(-1) ?? sdkField;
  return sdkField === 'settings' ? 'form' : last;
}

/** The error's message without its `field: ` prefix (the form shows it beside the field). */
export function messageOf(error: Pax8SyncConfigError): string {
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

// A valid value per field: once a field is reported, it is replaced so the next check finds the next bad field.
const validValues: Record<string, (s: Partial<ConnectionSettings>) => Partial<ConnectionSettings>> = {
  name: (s) => ({ ...s, name: 'x' }),
  environment: (s) => ({ ...s, environment: 'Sandbox' }),
  baseUrl: (s) => ({ ...s, baseUrl: 'https://api.pax8.com' }),
  clientId: (s) => ({ ...s, clientId: 'x' }),
  clientSecret: (s) => ({ ...s, clientSecret: 'x' }),
  country: (s) => ({ ...s, country: 'US' }),
  currency: (s) => ({ ...s, currency: 'USD' }),
};
const validFlag = (s: Partial<ConnectionSettings>, key: string): Partial<ConnectionSettings> => ({ ...s, companyDefaults: { ...s.companyDefaults, [key]: false } });

/**
 * Every field error of `settings`, each from the SDK's own validation (`Pax8SyncConfigError`
 * names the field). The engine reports the first bad field it meets, so the settings are checked
 * against a throwaway in-memory storage, fixing each reported field with a valid value, until they
 * pass: nothing reaches the real storage. `keepCredentials`: blank credentials mean "unchanged"
 * (an existing connection), so they are not reported.
 */
export async function connectionFieldErrors(settings: Partial<ConnectionSettings>, options: { keepCredentials?: boolean } = {}): Promise<FieldErrors> {
  const scratch = createSyncEngine({ storage: createMemoryStorage(), codec: createAesGcmCodec({ key: randomBytes(32) }) });
  const errors: FieldErrors = {};
  let candidate: Partial<ConnectionSettings> = { ...settings };
  if (options.keepCredentials) candidate = { ...candidate, clientId: candidate.clientId ?? 'kept', clientSecret: candidate.clientSecret ?? 'kept' };
  for (;;) {
    try {
      await scratch.createConnection(candidate as ConnectionSettings);
      return errors;
    } catch (error) {
      if (!isConfigError(error)) throw error;
      const field = formFieldOf(error.field);
      if (errors[field] !== undefined || field === 'form') throw error;
      errors[field] = messageOf(error);
      const fix = validValues[field];
      candidate = fix ? fix(candidate) : validFlag(candidate, field);
    }
  }
}
