import type { Pax8TokenProvider } from '@pax8-sync/client';
import { type GrantTokenProviderInput, type HeldGrant, isFresh, readGrant } from './held-grant';
import { renewGrant } from './renew-grant';

/**
 * The access tokens of a delegated connection, for the Pax8 client (`tokenProvider`): the stored
 * token while it is fresh, else a refresh under the connection's `auth:refresh` lease, so one
 * process at a time renews and a rotated refresh token is never lost. A refused refresh marks the
 * connection `reauthorization-required`. Renewals are stored even in a dry run: the partner's
 * refresh token rotates at Pax8, and keeping only the new one in memory would lose the grant.
 * @internal
 */
export function grantTokenProvider(input: GrantTokenProviderInput): Pax8TokenProvider {
  let held: HeldGrant | undefined;
  let renewing: Promise<HeldGrant> | undefined;
  const refused = new Set<string>();
  const usable = (h: HeldGrant) => isFresh(h, input.clock.now()) && !refused.has(h.accessToken);
  return {
    specificationVersion: 'v1',
    async getAccessToken() {
      if (held && usable(held)) return held.accessToken;
      held = await readGrant(input);
      if (usable(held)) return held.accessToken;
      const stale = held;
      renewing ??= renewGrant(input, stale, refused).finally(() => {
        renewing = undefined;
      });
      held = await renewing;
      return held.accessToken;
    },
    async tokenRefused(token) {
      refused.add(token);
    },
  };
}
