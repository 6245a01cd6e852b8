import { createHash } from 'node:crypto';

/** base64url SHA-256 of an authorization state: what storage keeps instead of the state. @internal */
export function stateHash(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('base64url');
}
