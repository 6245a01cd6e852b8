import { checkApplication, OAUTH_PATHS, type Pax8AutoConsent, type Pax8OAuthApplication } from './oauth-options';
import type { OAuthState, Pax8OAuthConsent } from './oauth-state';
import { Pax8SimulatorError } from './errors';

/** The absolute URLs of the login for one origin (the simulator's loopback URL, or the msw login host). */
export interface Pax8OAuthEndpoints {
  /** Issuer, with Auth0's trailing slash. */
  issuer: string;
  /** `GET` authorization endpoint with the consent step. */
  authorizationEndpoint: string;
  /** Token endpoint: `authorization_code`, `refresh_token` (and `client_credentials`). */
  tokenEndpoint: string;
  /** RFC 7009 revocation of a refresh token. */
  revocationEndpoint: string;
  /** Where the consent form posts. */
  consentEndpoint: string;
}

/** Delegated authorization controls of a simulator: applications, consents, revocation. */
export interface Pax8SimulatorOAuth {
  /** Registered applications (copies). */
  readonly applications: Pax8OAuthApplication[];
  /** Registers another application. */
  addApplication(application: Pax8OAuthApplication): void;
  /** The login's URLs at an origin (default: the loopback URL while listening, else `oauth.loginBaseUrl`). */
  endpoints(origin?: string): Pax8OAuthEndpoints;
  /** Every consent given, oldest first (copies). */
  readonly consents: Pax8OAuthConsent[];
  /**
   * Revokes the active consents that match (every one when no filter): their refresh tokens are refused with
   * `invalid_grant` and their access tokens get 401. Returns how many were revoked.
   */
  revokeConsent(filter?: { account?: string; application?: string; consent?: string }): number;
  /** Makes the consent step decide at once (`GET /authorize` redirects), or serve its page again (`undefined`). */
  setAutoConsent(auto: Pax8AutoConsent | undefined): void;
}

/** Builds the public view over the login state. */
export function oauthView(state: OAuthState, deps: { url: () => string | undefined; accountId: (key: string) => string | undefined }): Pax8SimulatorOAuth {
  return {
    get applications() {
      return structuredClone(state.settings.applications);
    },
    addApplication(application) {
      const app = checkApplication(application, 'oauth.addApplication');
      if (state.application(app.clientId)) throw new Pax8SimulatorError('oauth.addApplication.clientId', `'${app.clientId}' is already registered`);
      state.settings.applications.push(app);
    },
    endpoints(origin) {
      const base = (origin ?? deps.url() ?? state.settings.loginBaseUrl).replace(/\/+$/, '');
      return {
        issuer: `${base}/`,
        authorizationEndpoint: `${base}${OAUTH_PATHS.authorize}`,
        tokenEndpoint: `${base}${OAUTH_PATHS.token}`,
        revocationEndpoint: `${base}${OAUTH_PATHS.revoke}`,
        consentEndpoint: `${base}${OAUTH_PATHS.consent}`,
      };
    },
    get consents() {
      return structuredClone(state.consents);
    },
    revokeConsent(filter = {}) {
      const account = filter.account === undefined ? undefined : deps.accountId(filter.account);
      if (filter.account !== undefined && account === undefined) throw new Pax8SimulatorError('oauth.revokeConsent.account', `no account has id, name or client id '${filter.account}'`);
      return state.revokeConsents((c) => (account === undefined || c.account === account) && (filter.application === undefined || c.application === filter.application) && (filter.consent === undefined || c.id === filter.consent));
    },
    setAutoConsent(auto) {
      state.settings.autoConsent = auto ? { ...auto } : undefined;
    },
  };
}
