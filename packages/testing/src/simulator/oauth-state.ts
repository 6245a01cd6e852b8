import { createHash } from 'node:crypto';
import type { AuthState } from './auth';
import type { Pax8OAuthApplication, ResolvedOAuth } from './oauth-options';
import { createRandom, hash32, hashString } from './random';

/** A partner's consent to an application, as the simulator records it. */
export interface Pax8OAuthConsent {
  /** Consent id. */
  id: string;
  /** Partner account id that consented. */
  account: string;
  /** Application client id. */
  application: string;
  /** Scopes granted. */
  scope: string[];
  /** When (simulator clock, epoch ms). */
  grantedAt: number;
  /** When it was revoked, if it was. */
  revokedAt?: number;
}

/** An authorization request waiting on its consent step. */
export interface Transaction {
  /** Id carried by the consent form. */
  id: string;
  /** Application. */
  clientId: string;
  /** Where to send the answer. */
  redirectUri: string;
  /** Echoed back. */
  state: string | undefined;
  /** Scopes asked. */
  scope: string[];
  /** PKCE S256 challenge. */
  codeChallenge: string | undefined;
  /** `login_hint`. */
  loginHint: string | undefined;
  /** Expiry. */
  expiresAt: number;
}

interface Code {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | undefined;
  account: number;
  scope: string[];
  consent: string;
  expiresAt: number;
  used: boolean;
  family: string | undefined;
}

interface Family {
  id: string;
  consent: string;
  account: number;
  clientId: string;
  scope: string[];
  audience: string;
  expiresAt: number;
  revoked: boolean;
}

interface Refresh {
  family: string;
  lastUsedAt: number;
  used: boolean;
}

/** A token endpoint answer: the OAuth JSON body and its status. */
export interface GrantResult {
  /** HTTP status (Auth0's: 400 request, 401 client, 403 grant). */
  status: number;
  /** `{ access_token, ... }` or `{ error, error_description }`. */
  body: Record<string, unknown>;
  /** Account served, on success. */
  account?: number;
}

/** The OAuth error body. */
export function oauthError(status: number, error: string, description: string): GrantResult {
  return { status, body: { error, error_description: description } };
}

/** `base64url(sha256(verifier))`, the S256 PKCE transform. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Transactions, codes, consents and refresh token families of the login, on the simulator clock. */
export class OAuthState {
  readonly transactions = new Map<string, Transaction>();
  readonly consents: Pax8OAuthConsent[] = [];
  private readonly codes = new Map<string, Code>();
  private readonly families = new Map<string, Family>();
  private readonly refreshes = new Map<string, Refresh>();
  private counter = 0;

  constructor(
    readonly settings: ResolvedOAuth,
    private readonly deps: { seed: number; now: () => number; auth: AuthState; accountId: (index: number) => string },
  ) {}

  /** The simulator clock. */
  now(): number {
    return this.deps.now();
  }

  /** A seeded, unguessable-looking value of a kind. */
  fresh(kind: string): string {
    this.counter += 1;
    return createRandom(hash32(this.deps.seed, hashString(kind), this.counter)).hex(32);
  }

  /** The application with this client id. */
  application(clientId: string | undefined): Pax8OAuthApplication | undefined {
    return this.settings.applications.find((a) => a.clientId === clientId);
  }

  /** Records a consent and mints its single-use code. */
  approve(tx: Transaction, account: number): string {
    this.transactions.delete(tx.id);
    const consent: Pax8OAuthConsent = { id: this.fresh('consent'), account: this.deps.accountId(account), application: tx.clientId, scope: tx.scope, grantedAt: this.deps.now() };
    this.consents.push(consent);
    const code = this.fresh('code');
    this.codes.set(code, { clientId: tx.clientId, redirectUri: tx.redirectUri, codeChallenge: tx.codeChallenge, account, scope: tx.scope, consent: consent.id, expiresAt: this.deps.now() + this.settings.codeMs, used: false, family: undefined });
    return code;
  }

  private active(consentId: string): boolean {
    return this.consents.some((c) => c.id === consentId && c.revokedAt === undefined);
  }

  private tokens(family: Family): GrantResult {
    const { accessToken, expiresIn } = this.deps.auth.issue(family.account, family.audience, family.id);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope: family.scope.join(' ') };
    if (family.scope.includes('offline_access')) {
      const token = this.fresh('refresh');
      this.refreshes.set(token, { family: family.id, lastUsedAt: this.deps.now(), used: false });
      body.refresh_token = token;
    }
    return { status: 200, body, account: family.account };
  }

  /** The `authorization_code` grant. */
  exchange(clientId: string, params: Record<string, string | undefined>): GrantResult {
    const code = params.code ? this.codes.get(params.code) : undefined;
    if (!code || code.clientId !== clientId) return oauthError(403, 'invalid_grant', 'Invalid authorization code');
    if (code.used) {
      // A code used twice: refuse, and take back what the first use got (RFC 6749 4.1.2).
      if (code.family) this.revokeFamily(code.family);
      return oauthError(403, 'invalid_grant', 'Invalid authorization code');
    }
    code.used = true;
    if (this.deps.now() >= code.expiresAt) return oauthError(403, 'invalid_grant', 'Authorization code expired');
    if (params.redirect_uri !== code.redirectUri) return oauthError(403, 'invalid_grant', 'redirect_uri does not match the one of the authorization request');
    if (code.codeChallenge !== undefined) {
      if (!params.code_verifier) return oauthError(403, 'invalid_grant', 'code_verifier is required (PKCE)');
      if (s256(params.code_verifier) !== code.codeChallenge) return oauthError(403, 'invalid_grant', 'Failed to verify code verifier');
    }
    if (!this.active(code.consent)) return oauthError(403, 'invalid_grant', 'Consent revoked');
    const family: Family = { id: this.fresh('family'), consent: code.consent, account: code.account, clientId, scope: code.scope, audience: this.settings.audience, expiresAt: this.deps.now() + this.settings.refreshMs, revoked: false };
    this.families.set(family.id, family);
    code.family = family.id;
    return this.tokens(family);
  }

  /** The `refresh_token` grant, with rotation and reuse detection. */
  refresh(clientId: string, token: string | undefined): GrantResult {
    const entry = token ? this.refreshes.get(token) : undefined;
    const family = entry ? this.families.get(entry.family) : undefined;
    if (!entry || !family || family.clientId !== clientId) return oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    const now = this.deps.now();
    if (!this.active(family.consent)) return oauthError(403, 'invalid_grant', 'Consent revoked: the partner must authorize the application again');
    if (family.revoked) return oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    if (entry.used) {
      // Reuse of a rotated token: someone else may hold it; revoke the whole family, as Auth0 does.
      this.revokeFamily(family.id);
      return oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    }
    if (now >= family.expiresAt || now >= entry.lastUsedAt + this.settings.idleMs) return oauthError(403, 'invalid_grant', 'Refresh token expired');
    if (this.settings.rotation) entry.used = true;
    else entry.lastUsedAt = now;
    const result = this.tokens(family);
    if (!this.settings.rotation) delete result.body.refresh_token;
    return result;
  }

  /** Revokes a refresh token's family (`POST /oauth/revoke`); unknown tokens are ignored, as RFC 7009 says. */
  revokeToken(clientId: string, token: string | undefined): void {
    const entry = token ? this.refreshes.get(token) : undefined;
    const family = entry ? this.families.get(entry.family) : undefined;
    if (family && family.clientId === clientId) this.revokeFamily(family.id);
  }

  private revokeFamily(id: string): void {
    const family = this.families.get(id);
    if (family) family.revoked = true;
    this.deps.auth.revokeGrant(id);
  }

  /** Revokes matching active consents, with every token they gave; returns how many. */
  revokeConsents(match: (consent: Pax8OAuthConsent) => boolean): number {
    let count = 0;
    for (const consent of this.consents) {
      if (consent.revokedAt !== undefined || !match(consent)) continue;
      consent.revokedAt = this.deps.now();
      count += 1;
      for (const family of this.families.values()) if (family.consent === consent.id) this.revokeFamily(family.id);
    }
    return count;
  }
}
