import { normalizePax8BaseUrl, PAX8_DEFAULT_BASE_URL, Pax8InvalidArgumentError } from '@pax8-sync/client';
import { Pax8SyncConfigError } from '../errors/config-error';
import type { Pax8Environment } from '../storage/entity';

/** The Pax8 API origin used when a connection gives no `baseUrl`. */
export const defaultPax8BaseUrl = PAX8_DEFAULT_BASE_URL;

const loopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';

/**
 * Normalises a connection's Pax8 endpoint with the client's own rule (`normalizePax8BaseUrl`:
 * Pax8's documents write it `https://api.pax8.com/v1`, while the client adds `/v1` and `/api/v2`
 * itself, so a trailing `/v1` or `/api/v2` and trailing slashes are dropped; anything but an
 * absolute http(s) URL, user:password, a query or a fragment is refused), and refuses `http://` to
 * a host that is not loopback for a Production connection (the client secret and tokens would cross
 * the network in clear). Throws `Pax8SyncConfigError` naming `field` and the fix.
 * @param value - the endpoint as given (default {@link defaultPax8BaseUrl}).
 * @param environment - the connection's environment.
 * @param field - the field name to report, e.g. `settings.baseUrl`.
 * @example
 * normalizeBaseUrl('https://api.pax8.com/v1/', 'Production'); // 'https://api.pax8.com'
 */
export function normalizeBaseUrl(value: unknown, environment: Pax8Environment, field = 'settings.baseUrl'): string {
  let normalized: string;
  try {
    normalized = normalizePax8BaseUrl(value === undefined ? defaultPax8BaseUrl : value, { field });
  } catch (error) {
    if (!Pax8InvalidArgumentError.isInstance(error)) throw error;
    throw new Pax8SyncConfigError(field, error.message.replace(/^Invalid `[^`]*`: /, ''));
  }
  const url = new URL(normalized);
  if (environment === 'Production' && url.protocol === 'http:' && !loopbackHost(url.hostname)) {
    throw new Pax8SyncConfigError(
      field,
      `must use https:// for a Production connection: http:// would send the client secret and tokens in clear to ${url.hostname}. Use https://, or http:// only for a simulator on this machine (127.0.0.1, ::1 or localhost).`,
    );
  }
  return normalized;
}
