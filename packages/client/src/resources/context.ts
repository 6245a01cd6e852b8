import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import type { HttpClient } from '../http/http-client';
import type { Validator } from '../schemas/validator';

/** What every resource shares: one HTTP client (one limiter, one token) and one validator. @internal */
export interface ResourceContext {
  http: HttpClient;
  validator: Validator;
  /** `${baseUrl}/v1` */
  partnerUrl: string;
  /** `${baseUrl}/api/v2` */
  webhooksUrl: string;
}

/** Checks an id argument and encodes it as a path segment. @internal */
export function segment(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Pax8InvalidArgumentError(`${field} must be a non-empty string (the Pax8 id), got ${value === '' ? 'an empty string' : typeof value}`, {
      field,
    });
  }
  if (value === '.' || value === '..') {
    // URL resolution would turn `/subscriptions/..` into another endpoint.
    throw new Pax8InvalidArgumentError(`${field} must be a Pax8 id, got "${value}"`, { field });
  }
  return encodeURIComponent(value);
}

/** Checks an optional `YYYY-MM-DD` argument (Pax8's `yyyy-MM-dd` parameters). @internal */
export function dayParam(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Pax8InvalidArgumentError(`${field} must be a date as YYYY-MM-DD, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`, { field });
  }
  return value;
}
