import {
  type ConnectionSettings,
  type ConnectionView,
  type CredentialCodec,
  createSyncEngine,
  type EngineClientOptions,
  normalizeBaseUrl,
  type Pax8SyncStorage,
  type VerifyConnectionResult,
} from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';

/** What {@link verifySettings} needs: the real storage (read only), and the codec and client options the engine uses. */
export interface VerifySettingsDeps {
  /** The storage of the connections; only read, to copy an existing connection's sealed credentials. */
  storage: Pax8SyncStorage;
  /** The codec the engine seals credentials with (a copied sealed secret opens only with it). */
  codec: CredentialCodec;
  /** The engine's Pax8 client options; default the engine's defaults. */
  clientOptions?: EngineClientOptions | undefined;
}

/**
 * "Verify Connectivity" for settings as typed, storing nothing: the connection is created on a
 * scratch in-memory storage with the same codec (for an existing connection: its stored row is
 * copied there first and the typed changes applied, so blank credentials mean the stored ones),
 * and verified there. A refused secret therefore never replaces the one a working sync uses. The
 * settings must be valid (see `connectionFieldErrors`); a failed check is a result, not a throw.
 */
export async function verifySettings(deps: VerifySettingsDeps, settings: Partial<ConnectionSettings>, existingId?: string): Promise<VerifyConnectionResult> {
  const scratch = createMemoryStorage();
  const engine = createSyncEngine({ storage: scratch, codec: deps.codec, ...(deps.clientOptions ? { clientOptions: deps.clientOptions } : {}) });
  const stored = existingId === undefined ? undefined : await deps.storage.connections.get(existingId);
  if (stored !== undefined) await scratch.connections.put(stored);
  const connection = stored !== undefined ? await engine.updateConnection(stored.id, settings) : await engine.createConnection(settings as ConnectionSettings);
  return engine.verifyConnection(connection.id);
}

/**
 * Whether saving `settings` over `stored` changes what Pax8 is asked with (typed credentials or
 * another endpoint), so the save is verified first. A new connection always is. `settings` must be
 * valid (see `connectionFieldErrors`).
 */
export function changesAccess(settings: Partial<ConnectionSettings>, stored: ConnectionView | undefined): boolean {
  if (stored === undefined) return true;
  if (settings.clientId !== undefined || settings.clientSecret !== undefined) return true;
  return normalizeBaseUrl(settings.baseUrl, settings.environment ?? stored.environment) !== stored.baseUrl;
}
