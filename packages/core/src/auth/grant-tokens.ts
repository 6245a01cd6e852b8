import { grantCodecContext } from '../crypto/codec-contexts';
import type { CredentialCodec } from '../crypto/credential-codec';
import type { StoredAuthorizationGrant } from '../storage/authorizations';

/** A grant's token pair, opened. Both are secrets. @internal */
export interface GrantTokens {
  /** Bearer token for the partner API. */
  accessToken: string;
  /** Refresh token, when Pax8 issued one. */
  refreshToken: string | undefined;
}

/** Seals the pair as one value, so the access token and a rotated refresh token can only be replaced together. @internal */
export function sealGrantTokens(codec: CredentialCodec, connectionId: string, tokens: GrantTokens): Promise<string> {
  const pair = tokens.refreshToken === undefined ? { accessToken: tokens.accessToken } : { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  return codec.seal(JSON.stringify(pair), grantCodecContext(connectionId));
}

/** Opens a connected grant's token pair (the grant must have `sealedTokens`). @internal */
export async function openGrantTokens(codec: CredentialCodec, grant: StoredAuthorizationGrant & { sealedTokens: string }): Promise<GrantTokens> {
  const pair = JSON.parse(await codec.open(grant.sealedTokens, grantCodecContext(grant.connectionId))) as { accessToken: string; refreshToken?: string };
  return { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
}
