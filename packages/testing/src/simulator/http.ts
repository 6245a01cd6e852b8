import type { World } from './world';

/** What a route answers, before faults and serialisation. */
export interface RouteResult {
  /** HTTP status. */
  status: number;
  /** JSON body (absent for 202/204). */
  body?: unknown;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** The account (by position) the request acted for, when the route itself found out (the token endpoint). */
  account?: number;
  /** A body that is not JSON (the login's HTML pages), sent as is with `contentType`. */
  text?: string;
  /** Content type of `text`. */
  contentType?: string;
}

/** One `details[]` entry of a Pax8 error. */
export interface ErrorDetail {
  /** Field or error type. */
  type?: string;
  /** Message. */
  message: string;
  /** Where. */
  instance?: string;
  /** Status. */
  status?: number;
}

/** A request the simulator refuses; turned into Pax8's error envelope by the core. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The API families, which differ in their error envelope (the login and token endpoints answer OAuth errors). */
export type RouteFamily = 'token' | 'partner' | 'webhooks' | 'login';

/** What a route handler receives. */
export interface RouteContext {
  /** The request. */
  request: Request;
  /** Parsed URL. */
  url: URL;
  /** Path parameters. */
  params: Record<string, string>;
  /** The world. */
  world: World;
  /** The JSON body (400 when not JSON). */
  json(): Promise<unknown>;
}

/** A served operation. */
export interface Route {
  /** HTTP method. */
  method: string;
  /** Path pattern with `{name}` parameters, exactly as in the OpenAPI documents (with the base path). */
  path: string;
  /** Family (error envelope and auth). */
  family: RouteFamily;
  /** Handler. */
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const WEBHOOK_TYPES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  422: 'INVALID_PARAM',
};

/** The reason phrase of a status. */
export function reasonOf(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** Pax8's error envelope `{ type, message, instance, status, details[] }` for a family. */
export function errorBody(family: RouteFamily, status: number, message: string, instance: string, details: ErrorDetail[] = []): Record<string, unknown> {
  if (family === 'login') return { error: status >= 500 ? 'server_error' : status === 429 ? 'too_many_requests' : 'invalid_request', error_description: message };
  if (family === 'webhooks') {
    return {
      type: WEBHOOK_TYPES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'),
      message,
      instance,
      status,
      details: details.map((d) => ({ type: 'INVALID_PARAM', message: d.message, status })),
    };
  }
  return { type: reasonOf(status), message, instance, status, details };
}

/** A page request. */
export interface PageRequest {
  /** Page number from 0. */
  page: number;
  /** Page size, capped at 200. */
  size: number;
}

function integerParam(url: URL, name: string, fallback: number, min: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new HttpFailure(422, `Invalid value for parameter '${name}'`, [{ type: name, message: `'${name}' must be an integer >= ${min}, got '${raw}'` }]);
  }
  return value;
}

/** Reads `page` (from 0) and `size` (default 10, capped at 200 as Pax8 does). */
export function pageRequest(url: URL): PageRequest {
  return { page: integerParam(url, 'page', 0, 0), size: Math.min(200, integerParam(url, 'size', 10, 1)) };
}

/** The `page` block Pax8 sends. */
export function pageBlock(total: number, request: PageRequest): { size: number; totalElements: number; totalPages: number; number: number } {
  return { size: request.size, totalElements: total, totalPages: Math.ceil(total / request.size), number: request.page };
}

/** One page of an indexable list, as `{ content, page }`. */
export function paged<T, R>(items: ArrayLike<T>, request: PageRequest, map: (item: T) => R): { content: R[]; page: ReturnType<typeof pageBlock> } {
  const content: R[] = [];
  const start = request.page * request.size;
  const end = Math.min(items.length, start + request.size);
  for (let i = start; i < end; i++) content.push(map(items[i] as T));
  return { content, page: pageBlock(items.length, request) };
}

/** A boolean query parameter (422 when neither `true` nor `false`). */
export function booleanParam(url: URL, name: string): boolean | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new HttpFailure(422, `Invalid value for parameter '${name}'`, [{ type: name, message: `'${name}' must be true or false, got '${raw}'` }]);
}

/** An enum query parameter (422 naming the allowed values otherwise). */
export function enumParam<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new HttpFailure(422, `Invalid value for parameter '${name}'`, [{ type: name, message: `'${name}' must be one of ${allowed.join(', ')}; got '${raw}'` }]);
}

/**
 * A sort parameter over allowed fields: `field,direction` in the partner API; the webhooks API documents
 * `field:asc/desc` (`separator: ':'`).
 */
export function sortParam(url: URL, allowed: readonly string[], separator: ',' | ':' = ','): { field: string; descending: boolean } | undefined {
  const raw = url.searchParams.get('sort');
  if (raw === null || raw === '') return undefined;
  const [field = '', direction = 'asc', ...rest] = raw.split(separator).map((s) => s.trim());
  if (rest.length > 0 || !allowed.includes(field) || !['asc', 'desc'].includes(direction.toLowerCase())) {
    throw new HttpFailure(422, "Invalid value for parameter 'sort'", [{ type: 'sort', message: `'sort' must be field${separator}direction with field one of ${allowed.join(', ')}; got '${raw}'` }]);
  }
  return { field, descending: direction.toLowerCase() === 'desc' };
}

/** Sorts copies by a field with string or number values, missing values last. */
export function sortBy<T>(items: T[], sort: { field: string; descending: boolean } | undefined, read: (item: T, field: string) => unknown): T[] {
  if (!sort) return items;
  const sign = sort.descending ? -1 : 1;
  return items
    .map((item, index) => ({ item, index, key: read(item, sort.field) }))
    .sort((a, b) => {
      if (a.key === undefined || b.key === undefined) return a.key === b.key ? a.index - b.index : a.key === undefined ? 1 : -1;
      const cmp = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key));
      return sign * cmp || a.index - b.index;
    })
    .map((x) => x.item);
}

/** 404 in Pax8's words. */
export function notFound(what: string, id: string): HttpFailure {
  return new HttpFailure(404, `${what} not found with id ${id}`);
}

/** Reads an object body or fails with 422 naming the problem. */
export function asObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpFailure(422, `${what} must be a JSON object`);
  return body as Record<string, unknown>;
}
