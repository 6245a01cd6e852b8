import { Pax8SyncConfigError } from '../errors/config-error';
import type { Pax8Environment } from '../storage/entity';

/** The Pax8 API origin used when a connection gives no `baseUrl`. */
export const defaultPax8BaseUrl = 'https://api.pax8.com';

const loopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';

/**
 * Normalises a connection's Pax8 endpoint: Pax8's documents write it `https://api.pax8.com/v1`,
 * while the client adds `/v1` (and `/api/v2` for webhooks) itself, so a trailing `/v1` or
 * `/api/v2` and trailing slashes are dropped. Refuses, naming `field` and the fix: anything but an
 * absolute http(s) URL, user:password in it, a query or fragment, and `http://` to a host that is
 * not loopback for a Production connection (credentials and tokens would cross the network in clear).
 * @param value - the endpoint as given (default {@link defaultPax8BaseUrl}).
 * @param environment - the connection's environment.
 * @param field - the field name to report, e.g. `settings.baseUrl`.
 * @example
 * normalizeBaseUrl('https://api.pax8.com/v1/', 'Production'); // 'https://api.pax8.com'
 */
export function normalizeBaseUrl(value: unknown, environment: Pax8Environment, field = 'settings.baseUrl'): string {
  const given = value === undefined ? defaultPax8BaseUrl : value;
  const example = `such as ${defaultPax8BaseUrl} (or omit it for that default)`;
  if (typeof given !== 'string' || given.trim() === '') throw new Pax8SyncConfigError(field, `must be an absolute https:// URL ${example}.`);
  let url: URL;
  try {
    url = new URL(given.trim());
  } catch {
    throw new Pax8SyncConfigError(field, `must be an absolute https:// URL ${example} (got ${JSON.stringify(given.slice(0, 200))}).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Pax8SyncConfigError(field, `must use https:// (or http:// for a simulator on this machine) ${example}.`);
  if (url.username !== '' || url.password !== '') {
    throw new Pax8SyncConfigError(field, 'must not carry user:password (it would end up in logs); give the Pax8 client id and secret as clientId and clientSecret.');
  }
  if (url.search !== '' || url.hash !== '') throw new Pax8SyncConfigError(field, `must not have a query or fragment: give the API origin only, ${example}.`);
  if (environment === 'Production' && url.protocol === 'http:' && !loopbackHost(url.hostname)) {
    throw new Pax8SyncConfigError(
      field,
      `must use https:// for a Production connection: http:// would send the client secret and tokens in clear to ${url.hostname}. Use https://, or http:// only for a simulator on this machine (127.0.0.1, ::1 or localhost).`,
    );
  }
  // Pax8 documents the endpoint with its version path; the client adds /v1 and /api/v2 itself.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(?:v1|api\/v2)$/i, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}
