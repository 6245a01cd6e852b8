import type { TokenManager } from '../auth/token-manager';
import { Pax8ApiError } from '../errors/pax8-api-error';
import { Pax8AuthError } from '../errors/pax8-auth-error';
import { Pax8NetworkError } from '../errors/pax8-network-error';
import { Pax8TimeoutError } from '../errors/pax8-timeout-error';
import type { Pax8Now } from '../http/clock';
import type { HttpClient } from '../http/http-client';

/** Why a connectivity check failed, as a stable code. */
export type Pax8ConnectivityFailure = 'bad_credentials' | 'reauthenticate' | 'forbidden' | 'unreachable' | 'timeout' | 'rate_limited' | 'server_error' | 'unexpected';

/** The outcome of one step of {@link Pax8ConnectivityResult}. */
export interface Pax8ConnectivityCheck {
  /** Whether this step passed. */
  ok: boolean;
  /** How long it took, by the client's clock. */
  latencyMs: number;
  /** HTTP status, when Pax8 answered. */
  status?: number;
  /** Failure code, when it failed. */
  failure?: Pax8ConnectivityFailure;
  /** Plain-language reason, when it failed. */
  reason?: string;
  /** True when the step did not run because an earlier one failed. */
  skipped?: boolean;
}

/** The result of `client.verifyConnectivity()`: it never throws. */
export interface Pax8ConnectivityResult {
  /** True when a fresh token was issued and a partner endpoint answered. */
  ok: boolean;
  /** Total time, by the client's clock. */
  latencyMs: number;
  /** `token`: the credentials (or the token provider) gave a token; `api`: GET /v1/companies?page=0&size=1 answered. */
  checks: { token: Pax8ConnectivityCheck; api: Pax8ConnectivityCheck };
  /** Failure code of the first failed step. */
  failure?: Pax8ConnectivityFailure;
  /** Plain-language reason of the first failed step. */
  reason?: string;
}

function describe(error: unknown, provider: boolean): { failure: Pax8ConnectivityFailure; reason: string; status?: number } {
  if (Pax8AuthError.isInstance(error) && error.reauthenticate) {
    return { failure: 'reauthenticate', reason: `re-authenticate: the partner's authorization is no longer valid (${error.code}); connect to Pax8 again`, status: error.status };
  }
  if (Pax8AuthError.isInstance(error)) {
    const what = provider ? 'the access token' : 'the client id/secret';
    return { failure: 'bad_credentials', reason: `bad credentials: Pax8 refused ${what} (${error.code})`, status: error.status };
  }
  if (Pax8TimeoutError.isInstance(error)) return { failure: 'timeout', reason: `unreachable: Pax8 did not answer within ${error.timeoutMs} ms` };
  if (Pax8NetworkError.isInstance(error)) return { failure: 'unreachable', reason: `unreachable: could not connect to ${new URL(error.url).origin}` };
  if (Pax8ApiError.isInstance(error)) {
    const { status } = error;
    if (status === 401) return { failure: 'bad_credentials', reason: 'bad credentials: Pax8 refused the access token', status };
    if (status === 403) return { failure: 'forbidden', reason: 'forbidden: the credentials are valid but may not read partner data (check the API key scopes)', status };
    if (status === 429) return { failure: 'rate_limited', reason: 'rate limited: Pax8 asked to slow down; try again later', status };
    if (status >= 500) return { failure: 'server_error', reason: `Pax8 is failing (HTTP ${status}); try again later`, status };
    return { failure: 'unexpected', reason: `Pax8 answered HTTP ${status}`, status };
  }
  return { failure: 'unexpected', reason: error instanceof Error ? `unexpected failure: ${error.name}` : 'unexpected failure' };
}

/** Requests a fresh token, then reads one company; reports instead of throwing. @internal */
export async function verifyConnectivity(deps: {
  tokens: TokenManager;
  http: HttpClient;
  now: Pax8Now;
  partnerUrl: string;
  /** Tokens come from a provider (not the client id/secret). */
  provider: boolean;
}): Promise<Pax8ConnectivityResult> {
  const start = deps.now();
  const step = async (run: () => Promise<unknown>): Promise<Pax8ConnectivityCheck> => {
    const began = deps.now();
    try {
      await run();
      return { ok: true, latencyMs: deps.now() - began };
    } catch (error) {
      return { ok: false, latencyMs: deps.now() - began, ...describe(error, deps.provider) };
    }
  };
  const token = await step(() => deps.tokens.refresh());
  const api: Pax8ConnectivityCheck = token.ok
    ? await step(() => deps.http.request({ method: 'GET', url: `${deps.partnerUrl}/companies`, query: { page: 0, size: 1 }, retry: false }))
    : { ok: false, latencyMs: 0, skipped: true, reason: 'skipped: no token' };
  const failed = !token.ok ? token : !api.ok ? api : undefined;
  return {
    ok: failed === undefined,
    latencyMs: deps.now() - start,
    checks: { token, api },
    ...(failed ? { failure: failed.failure, reason: failed.reason } : {}),
  };
}
