import type { AuthState } from './auth';
import { driftBody } from './drift';
import type { DriftEngine } from './drift-engine';
import type { Pax8DriftReport } from './drift-report';
import type { Pax8DriftMangle } from './record-drift';
import type { FaultEngine, Pax8FaultKind } from './faults';
import { errorBody, HttpFailure, type Route, type RouteContext, type RouteFamily, type RouteResult } from './http';
import type { RequestLog } from './request-log';
import type { Router } from './router';
import type { World } from './world';

const SERVER_ERRORS = [500, 502, 503, 504] as const;

/** Everything the request core works with. */
export interface CoreDeps {
  /** Routes. */
  router: Router;
  /** World. */
  world: World;
  /** Tokens. */
  auth: AuthState;
  /** Faults. */
  faults: FaultEngine;
  /** Page and record drift. */
  drift: DriftEngine;
  /** Log. */
  log: RequestLog;
  /** Clock. */
  now: () => number;
  /** Waiter for delays and hangs. */
  wait: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Path of the msw base URL (`/pax8` for `https://example.test/pax8`), stripped before routing; '' for none. */
  basePath: string;
  /** Aborts when the simulator closes (ends hangs). */
  closed: () => AbortSignal;
}

function json(result: RouteResult): Response {
  const headers = new Headers(result.headers);
  if (result.body === undefined || result.status === 204 || result.status === 202) return new Response(null, { status: result.status, headers });
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}

function familyOf(pathname: string): RouteFamily {
  return pathname.startsWith('/api/v2/') ? 'webhooks' : 'partner';
}

function either(a: AbortSignal, b: AbortSignal): AbortSignal {
  return AbortSignal.any([a, b]);
}

/** Adds the mangles of the `drift` fault to a response's drift report (creating one when page drift made none). */
function withMangles(report: Omit<Pax8DriftReport, 'seq'> | undefined, mangled: Pax8DriftMangle[], at: { method: string; url: string; route: string }): Omit<Pax8DriftReport, 'seq'> | undefined {
  if (mangled.length === 0) return report;
  const base = report ?? { ...at, kinds: [], hidden: [], duplicated: [], mangled: [] };
  const kinds = [...base.kinds];
  for (const m of mangled) if (!kinds.includes(m.kind)) kinds.push(m.kind);
  const changedIds = new Set(mangled.filter((m) => m.field === 'id').map((m) => m.id));
  return { ...base, kinds, hidden: [...new Set([...base.hidden, ...changedIds])], mangled: [...base.mangled, ...mangled] };
}

/** Builds the one `handle(request)` both transports use. */
export function createCore(deps: CoreDeps): (request: Request) => Promise<Response> {
  const windowHits: number[] = [];

  const enforceRateLimit = (family: RouteFamily, instance: string): RouteResult | undefined => {
    const limit = deps.faults.settings.rateLimit;
    if (!limit || family === 'token') return undefined;
    const now = deps.now();
    while (windowHits.length > 0 && (windowHits[0] as number) <= now - 60_000) windowHits.shift();
    if (windowHits.length >= limit.requestsPerMinute) {
      const retryAfter = Math.max(1, Math.ceil(((windowHits[0] as number) + 60_000 - now) / 1000));
      return {
        status: 429,
        body: errorBody(family, 429, `Rate limit of ${limit.requestsPerMinute} requests per minute exceeded`, instance),
        ...(limit.retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {}),
      };
    }
    windowHits.push(now);
    return undefined;
  };

  return async (request: Request): Promise<Response> => {
    const time = deps.now();
    const url = new URL(request.url);
    let pathname = url.pathname.replace(/\/+$/, '') || '/';
    if (deps.basePath && pathname.startsWith(`${deps.basePath}/`)) pathname = pathname.slice(deps.basePath.length);
    const match = deps.router.match(request.method, pathname);
    let fault: Pax8FaultKind | 'rateLimited' | undefined;
    let drifted: Omit<Pax8DriftReport, 'seq'> | undefined;
    const finish = (response: Response, route: string | undefined): Response => {
      deps.log.add({ method: request.method, url: request.url, route, status: response.type === 'error' ? 0 : response.status, time, fault }, drifted);
      return response;
    };
    if (match === undefined || match === 'method') {
      const status = match === 'method' ? 405 : 404;
      const message = match === 'method' ? `Method ${request.method} is not supported on ${pathname}` : `No endpoint ${request.method} ${pathname}`;
      return finish(json({ status, body: errorBody(familyOf(pathname), status, message, pathname) }), undefined);
    }
    const route: Route = match.route;
    const key = `${route.method} ${route.path}`;
    const decision = deps.faults.decide(key);
    const settings = deps.faults.settings;
    fault = decision.kind;
    const family = route.family === 'token' ? 'partner' : route.family;
    // The limit sits in front of everything else, as Pax8's gateway does: a request that then meets a 5xx,
    // a delay or a hang still counted, so a client hammering retries runs into it.
    const limited = enforceRateLimit(route.family, pathname);
    if (limited) {
      fault = 'rateLimited';
      return finish(json(limited), key);
    }
    switch (decision.kind) {
      case 'reset':
        return finish(Response.error(), key);
      case 'hang': {
        const signal = either(request.signal, deps.closed());
        await deps.wait(settings.hangMs ?? 120_000, signal);
        if (signal.aborted) return finish(Response.error(), key);
        break;
      }
      case 'delay':
        await deps.wait(settings.delayMs ?? 250, either(request.signal, deps.closed()));
        break;
      case 'rateLimit':
      case 'rateLimitRetryAfter':
        return finish(
          json({
            status: 429,
            body: errorBody(family, 429, 'Too many requests, please slow down', pathname),
            ...(decision.kind === 'rateLimitRetryAfter' ? { headers: { 'retry-after': String(settings.retryAfterSeconds ?? 1) } } : {}),
          }),
          key,
        );
      case 'serverError': {
        const status = settings.serverErrorStatus ?? (SERVER_ERRORS[decision.seed % SERVER_ERRORS.length] as number);
        return finish(json({ status, body: errorBody(family, status, 'An unexpected error occurred, try again later', pathname) }), key);
      }
      default:
        break;
    }
    if (route.family !== 'token') {
      const problem = deps.auth.check(request.headers.get('authorization'));
      if (problem) return finish(json({ status: 401, body: errorBody(family, 401, problem, pathname) }), key);
    }
    let result: RouteResult;
    let ctx: RouteContext | undefined;
    try {
      ctx = {
        request,
        url,
        params: match.params,
        world: deps.world,
        json: async () => {
          const text = await request.text();
          try {
            return JSON.parse(text) as unknown;
          } catch {
            throw new HttpFailure(400, 'The request body is not valid JSON');
          }
        },
      };
      result = await route.handle(ctx);
    } catch (caught) {
      // A bug in the simulator itself still answers (and is logged) instead of breaking the transport.
      const error = caught instanceof HttpFailure ? caught : new HttpFailure(500, `Simulator failure: ${caught instanceof Error ? caught.message : String(caught)}`);
      // The webhooks API reports every invalid input as 400; the partner API uses 422.
      const status = family === 'webhooks' && error.status === 422 ? 400 : error.status;
      result = { status, body: errorBody(family, status, error.message, pathname, error.details), headers: error.headers };
    }
    if (result.status < 300 && result.body !== undefined) {
      if (ctx) {
        const page = ctx;
        const neighbour = async (number: number): Promise<unknown> => {
          const other = new URL(url);
          other.searchParams.set('page', String(number));
          return (await route.handle({ ...page, url: other })).body;
        };
        const done = await deps.drift.apply({ route: key, method: request.method, url, body: result.body, neighbour });
        if (done) {
          result = { ...result, body: done.body };
          drifted = done.report;
        }
      }
      if (decision.kind === 'drift') {
        const done = driftBody(result.body, decision.seed, settings.driftKinds ?? ['unknownField', 'newEnumValue', 'oddDate'], settings.driftRecordShare ?? 0.25, deps.drift.recordSettings());
        result = { ...result, body: done.body };
        drifted = withMangles(drifted, done.mangled, { method: request.method, url: request.url, route: key });
      } else if (decision.kind === 'malformedJson') {
        const text = JSON.stringify(result.body);
        return finish(new Response(text.slice(0, Math.max(1, Math.floor(text.length * 0.6))), { status: result.status, headers: { 'content-type': 'application/json' } }), key);
      }
    }
    return finish(json(result), key);
  };
}
