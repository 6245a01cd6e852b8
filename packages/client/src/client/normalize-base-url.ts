import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';

/** Options of {@link normalizePax8BaseUrl}. */
export interface Pax8BaseUrlOptions {
  /** The field named in the error. Default `baseUrl`. */
  field?: string;
}

/** The API origin every Pax8 client uses by default. */
export const PAX8_DEFAULT_BASE_URL = 'https://api.pax8.com';

// Pax8's documents write the partner API as `https://api.pax8.com/v1` and the webhooks API as
// `.../api/v2`; the client adds those itself, so a copied endpoint would double them.
const API_SUFFIX = /\/(v1|api\/v2)$/i;

/**
 * Normalises a Pax8 API endpoint the way the client uses it: trailing slashes, and a trailing
 * `/v1` or `/api/v2` (as Pax8's documents write the endpoints), are dropped, so
 * `https://api.pax8.com/v1/` becomes `https://api.pax8.com`; a path prefix (a proxy) is kept.
 * Anything that is not an absolute http(s) URL, or that carries user:password, a query or a
 * fragment, throws Pax8InvalidArgumentError naming the field and the fix. Core's settings
 * validation uses the same rule.
 *
 * @example
 * ```ts
 * normalizePax8BaseUrl('https://api.pax8.com/v1'); // 'https://api.pax8.com'
 * normalizePax8BaseUrl('http://127.0.0.1:4010/'); // 'http://127.0.0.1:4010'
 * normalizePax8BaseUrl('api.pax8.com'); // throws Pax8InvalidArgumentError (field 'baseUrl')
 * ```
 */
export function normalizePax8BaseUrl(value: unknown, options: Pax8BaseUrlOptions = {}): string {
  const field = options.field ?? 'baseUrl';
  const refuse = (why: string) =>
    new Pax8InvalidArgumentError(`Invalid \`${field}\`: ${why}; give the API origin, e.g. ${PAX8_DEFAULT_BASE_URL}`, { field });
  if (typeof value !== 'string' || value.trim() === '') throw refuse(`must be an absolute http(s) URL, got ${value === '' ? 'an empty string' : typeof value}`);
  const text = value.trim();
  if (!/^https?:\/\/[^\s/]/i.test(text) || !URL.canParse(text)) throw refuse('must be an absolute http(s) URL (with http:// or https://)');
  const url = new URL(text);
  // Credentials in a URL would be logged with every request (and fetch refuses them anyway).
  if (url.username !== '' || url.password !== '') {
    throw refuse('must not carry user:password (it would appear in logs and errors); give proxy credentials through `fetch`');
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(text)) throw refuse('must not carry a query or a fragment');
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(API_SUFFIX, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
