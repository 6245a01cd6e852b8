import { Pax8SimulatorError } from './errors';
import { hash32 } from './random';

/** A third-party application registered for delegated access (an OAuth client of Pax8's login). */
export interface Pax8OAuthApplication {
  /** OAuth client id. */
  clientId: string;
  /** Client secret; absent for a public client (PKCE only). */
  clientSecret?: string;
  /** Allowed redirect URIs, matched exactly; absent: any absolute http(s) URL (a simulator convenience). */
  redirectUris?: string[];
  /** Name shown on the consent page. */
  name?: string;
}

/** A decision the consent step takes by itself, so `GET /authorize` redirects at once. */
export interface Pax8AutoConsent {
  /** Approve or deny. */
  decision: 'approve' | 'deny';
  /** The partner account that logs in (id, name or client id; default: `login_hint`, else the first account). */
  account?: string;
}

/** Delegated authorization (authorization-code grant with consent) settings of a simulator. */
export interface Pax8OAuthOptions {
  /** Registered applications (default: one, `sim-app-<seed>`, any redirect URI). */
  applications?: Pax8OAuthApplication[];
  /** Host the msw handlers answer login requests for (default `https://login.pax8.com`). */
  loginBaseUrl?: string;
  /** Audience the authorization request must name (mandatory, as Pax8's guide says; default `https://api.pax8.com`). */
  audience?: string;
  /** Scope every request must hold (default `Manage:Pax8Data`, the guide's). */
  requiredScope?: string;
  /** Scopes the login knows (default `Manage:Pax8Data`, `offline_access`, `openid`, `profile`, `email`); others give `invalid_scope`. */
  scopes?: string[];
  /** Refuse requests without PKCE (`code_challenge_method=S256`; default true). `plain` is always refused. */
  requirePkce?: boolean;
  /** Lifetime of an authorization code (default 600 s). */
  codeLifetimeSeconds?: number;
  /** Absolute lifetime of a refresh token family from the code exchange (default 30 days, as Auth0). */
  refreshTokenLifetimeSeconds?: number;
  /** Lifetime of an unused refresh token (default 15 days, as Auth0's inactivity lifetime). */
  refreshTokenIdleSeconds?: number;
  /** Rotate refresh tokens on each use, refusing a reused one and revoking its family (default true, as Auth0). */
  rotation?: boolean;
  /** Decide the consent step without a page (default: serve the page). */
  autoConsent?: Pax8AutoConsent;
}

/** Options with defaults applied. */
export interface ResolvedOAuth {
  /** Applications. */
  applications: Pax8OAuthApplication[];
  /** msw login host. */
  loginBaseUrl: string;
  /** Mandatory audience. */
  audience: string;
  /** Required scope. */
  requiredScope: string;
  /** Known scopes. */
  scopes: string[];
  /** PKCE required. */
  requirePkce: boolean;
  /** Code lifetime, ms. */
  codeMs: number;
  /** Refresh family lifetime, ms. */
  refreshMs: number;
  /** Refresh idle lifetime, ms. */
  idleMs: number;
  /** Rotation. */
  rotation: boolean;
  /** Auto consent. */
  autoConsent: Pax8AutoConsent | undefined;
}

/** Route paths of the login endpoints (Auth0's, which Pax8's login runs on). */
export const OAUTH_PATHS = {
  authorize: '/authorize',
  consent: '/u/consent',
  token: '/oauth/token',
  revoke: '/oauth/revoke',
  discovery: '/.well-known/openid-configuration',
} as const;

function seconds(field: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) throw new Pax8SimulatorError(`oauth.${field}`, 'must be a positive number of seconds');
  return v * 1000;
}

/** The default application of a seed. */
export function defaultApplication(seed: number): Pax8OAuthApplication {
  return { clientId: `sim-app-${seed}`, clientSecret: `sim-app-secret-${seed}-${hash32(seed, 0xa99).toString(16)}`, name: 'Simulated PSA' };
}

/** Checks an application, naming the field. */
export function checkApplication(app: Pax8OAuthApplication, at: string): Pax8OAuthApplication {
  if (typeof app.clientId !== 'string' || app.clientId === '') throw new Pax8SimulatorError(`${at}.clientId`, 'must be a non-empty string');
  if (app.clientSecret !== undefined && (typeof app.clientSecret !== 'string' || app.clientSecret === '')) throw new Pax8SimulatorError(`${at}.clientSecret`, 'must be a non-empty string, or absent for a public client');
  for (const uri of app.redirectUris ?? []) if (!URL.canParse(uri) || new URL(uri).hash !== '') throw new Pax8SimulatorError(`${at}.redirectUris`, `'${uri}' must be an absolute URL without a fragment`);
  return structuredClone(app);
}

/** Applies defaults to the `oauth` option. */
export function resolveOAuth(options: Pax8OAuthOptions | undefined, seed: number): ResolvedOAuth {
  const o = options ?? {};
  const applications = (o.applications ?? [defaultApplication(seed)]).map((a, k) => checkApplication(a, `oauth.applications[${k}]`));
  if (new Set(applications.map((a) => a.clientId)).size !== applications.length) throw new Pax8SimulatorError('oauth.applications', 'client ids must differ');
  const loginBaseUrl = (o.loginBaseUrl ?? 'https://login.pax8.com').replace(/\/+$/, '');
  if (!URL.canParse(loginBaseUrl)) throw new Pax8SimulatorError('oauth.loginBaseUrl', `must be an absolute URL, got '${loginBaseUrl}'`);
  return {
    applications,
    loginBaseUrl,
    audience: o.audience ?? 'https://api.pax8.com',
    requiredScope: o.requiredScope ?? 'Manage:Pax8Data',
    scopes: o.scopes ?? ['Manage:Pax8Data', 'offline_access', 'openid', 'profile', 'email'],
    requirePkce: o.requirePkce ?? true,
    codeMs: seconds('codeLifetimeSeconds', o.codeLifetimeSeconds, 600),
    refreshMs: seconds('refreshTokenLifetimeSeconds', o.refreshTokenLifetimeSeconds, 30 * 86_400),
    idleMs: seconds('refreshTokenIdleSeconds', o.refreshTokenIdleSeconds, 15 * 86_400),
    rotation: o.rotation ?? true,
    autoConsent: o.autoConsent ? { ...o.autoConsent } : undefined,
  };
}
