import { type AccountState, nextLatency } from './accounts';
import type { AuthState } from './auth';
import { faultAfter, faultBefore, type FaultOutcome } from './core-faults';
import { driftStep } from './core-drift';
import type { DriftEngine } from './drift-engine';
import type { Pax8DriftReport } from './drift-report';
import type { FaultDecision, FaultEngine, Pax8FaultKind } from './faults';
import { errorBody, HttpFailure, type Route, type RouteContext, type RouteFamily, type RouteResult } from './http';
import { loggedBody, type RequestLog } from './request-log';
import type { Router } from './router';
import type { World } from './world';

/** Everything the request core works with. */
export interface CoreDeps {
  /** Routes. */
  router: Router;
  /** Accounts by position (each with its world); the first is the default. */
  accounts: () => readonly AccountState[];
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
  if (result.text !== undefined) {
    headers.set('content-type', result.contentType ?? 'text/plain; charset=utf-8');
    return new Response(result.text, { status: result.status, headers });
  }
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

/** What one request gathers on its way through the core, for its answer and its log entry. */
interface Exchange {
  request: Request;
  url: URL;
  pathname: string;
  time: number;
  fault: Pax8FaultKind | 'rateLimited' | undefined;
  drifted: Omit<Pax8DriftReport, 'seq'> | undefined;
  account: AccountState | undefined;
  /** The body as read (writes of the partner and webhooks APIs), for the handler and the log. */
  text: string | undefined;
}

function routeContext(x: Exchange, params: Record<string, string>, world: World): RouteContext {
  return {
    request: x.request,
    url: x.url,
    params,
    world,
    json: async () => {
      const text = x.text ?? (await x.request.text());
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new HttpFailure(400, 'The request body is not valid JSON');
      }
    },
  };
}

async function runRoute(route: Route, ctx: RouteContext, family: RouteFamily, pathname: string): Promise<RouteResult> {
  try {
    return await route.handle(ctx);
  } catch (caught) {
    // A bug in the simulator itself still answers (and is logged) instead of breaking the transport.
    const error = caught instanceof HttpFailure ? caught : new HttpFailure(500, `Simulator failure: ${caught instanceof Error ? caught.message : String(caught)}`);
    // The webhooks API reports every invalid input as 400; the partner API uses 422.
    const status = family === 'webhooks' && error.status === 422 ? 400 : error.status;
    return { status, body: errorBody(family, status, error.message, pathname, error.details), headers: error.headers };
  }
}

/** Builds the one `handle(request)` both transports use. */
export function createCore(deps: CoreDeps): (request: Request) => Promise<Response> {
  const enforceRateLimit = (account: AccountState | undefined, family: RouteFamily, instance: string): RouteResult | undefined => {
    const limit = account?.rateLimit ?? deps.faults.settings.rateLimit;
    if (!limit || !account || family === 'token' || family === 'login') return undefined;
    const retryAfter = account.window.take(deps.now(), limit.requestsPerMinute);
    if (retryAfter === undefined) return undefined;
    return {
      status: 429,
      body: errorBody(family, 429, `Rate limit of ${limit.requestsPerMinute} requests per minute exceeded`, instance),
      ...(limit.retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {}),
    };
  };
  // One account: everything is its (as before accounts existed). Several: the token says whose request it is.
  const accountOf = (authorization: string | null): AccountState | undefined => {
    const all = deps.accounts();
    if (all.length === 1) return all[0];
    const index = deps.auth.identify(authorization);
    return index === undefined ? undefined : all[index];
  };
  const finish = (x: Exchange, response: Response, route: string | undefined): Response => {
    const body = x.text === undefined || x.text === '' ? {} : { body: loggedBody(x.text) };
    deps.log.add({ method: x.request.method, url: x.request.url, route, status: response.type === 'error' ? 0 : response.status, time: x.time, fault: x.fault, account: x.account?.id, ...body }, x.drifted);
    return response;
  };
  /** Ends a request as a fault says; undefined when the request goes on. */
  const endBy = async (x: Exchange, outcome: FaultOutcome, key: string): Promise<Response | undefined> => {
    if (!outcome) return undefined;
    if ('answer' in outcome) return finish(x, json(outcome.answer), key);
    if ('reset' in outcome) return finish(x, Response.error(), key);
    const signal = either(x.request.signal, deps.closed());
    await deps.wait(outcome.waitMs, signal);
    return signal.aborted || outcome.thenReset ? finish(x, Response.error(), key) : undefined;
  };

  const serve = async (x: Exchange, route: Route, params: Record<string, string>, decision: FaultDecision): Promise<Response> => {
    const key = `${route.method} ${route.path}`;
    const settings = deps.faults.settings;
    const family: RouteFamily = route.family === 'token' ? 'partner' : route.family;
    let world = (deps.accounts()[0] as AccountState).world;
    if (route.family !== 'token' && route.family !== 'login') {
      const checked = deps.auth.check(x.request.headers.get('authorization'));
      if (checked.problem !== undefined) return finish(x, json({ status: 401, body: errorBody(family, 401, checked.problem, x.pathname) }), key);
      x.account = deps.accounts()[checked.account];
      world = (x.account as AccountState).world;
      if (!['GET', 'HEAD'].includes(x.request.method)) x.text = await x.request.text();
    }
    const ctx = routeContext(x, params, world);
    const drifted = await driftStep({ drift: deps.drift, decision, settings, route, key, ctx, result: await runRoute(route, ctx, family, x.pathname) });
    x.drifted = drifted.report;
    if (drifted.raw !== undefined) return finish(x, new Response(drifted.raw, { status: drifted.result.status, headers: { 'content-type': 'application/json' } }), key);
    const lost = await endBy(x, faultAfter(decision, settings, family, x.pathname), key);
    if (lost) return lost;
    if (drifted.result.account !== undefined) x.account = deps.accounts()[drifted.result.account];
    const latency = x.account ? nextLatency(x.account) : 0;
    if (latency > 0) await deps.wait(latency, either(x.request.signal, deps.closed()));
    return finish(x, json(drifted.result), key);
  };

  /** Drops the connection at once; the request takes effect `lateApplyMs` later (Pax8 was still processing it). */
  const resetThenApplyLate = async (x: Exchange, route: Route, params: Record<string, string>, key: string): Promise<Response> => {
    const text = ['GET', 'HEAD'].includes(x.request.method) ? undefined : await x.request.text();
    const late = new Request(x.request.url, { method: x.request.method, headers: x.request.headers, ...(text !== undefined ? { body: text } : {}) });
    const timer = setTimeout(() => {
      if (!deps.closed().aborted) void serve({ ...x, request: late, fault: undefined, time: deps.now() }, route, params, { kind: undefined, seed: 0 }).catch(() => undefined);
    }, deps.faults.settings.lateApplyMs ?? 200);
    timer.unref?.();
    return finish(x, Response.error(), key);
  };

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    let pathname = url.pathname.replace(/\/+$/, '') || '/';
    if (deps.basePath && pathname.startsWith(`${deps.basePath}/`)) pathname = pathname.slice(deps.basePath.length);
    const x: Exchange = { request, url, pathname, time: deps.now(), fault: undefined, drifted: undefined, account: accountOf(request.headers.get('authorization')), text: undefined };
    const match = deps.router.match(request.method, pathname);
    if (match === undefined || match === 'method') {
      const status = match === 'method' ? 405 : 404;
      const message = match === 'method' ? `Method ${request.method} is not supported on ${pathname}` : `No endpoint ${request.method} ${pathname}`;
      return finish(x, json({ status, body: errorBody(familyOf(pathname), status, message, pathname) }), undefined);
    }
    const route = match.route;
    const key = `${route.method} ${route.path}`;
    const decision = deps.faults.decide(key, route.family === 'token' || route.family === 'login');
    x.fault = decision.kind;
    // The limit sits in front of everything else, as Pax8's gateway does: a request that then meets a 5xx,
    // a delay or a hang still counted, so a client hammering retries runs into it.
    const limited = enforceRateLimit(x.account, route.family, pathname);
    if (limited) {
      x.fault = 'rateLimited';
      return finish(x, json(limited), key);
    }
    if (decision.kind === 'resetThenApplyLate') return resetThenApplyLate(x, route, match.params, key);
    const family: RouteFamily = route.family === 'token' ? 'partner' : route.family;
    const ended = await endBy(x, faultBefore(decision, deps.faults.settings, family, pathname), key);
    return ended ?? serve(x, route, match.params, decision);
  };
}
