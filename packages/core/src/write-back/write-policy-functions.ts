import { loadConnection } from '../connections/connection-functions';
import type { EngineDeps } from '../engine/engine-deps';
import type { JsonObject } from '../storage/json';
import { nowOf, requireWriteBack } from './write-context';
import { mergeWritePolicy, storedWritePolicy, type WritePolicy, type WritePolicyUpdate } from './write-policy';

/** Options of {@link setWritePolicy}. */
export interface SetWritePolicyOptions extends Pick<EngineDeps, 'storage' | 'clock'> {
  /** The connection. */
  connectionId: string;
  /** The fields to change (the rest stay as they are). */
  policy: WritePolicyUpdate;
}

/**
 * Changes a connection's write-back policy (which intents need approval, who wins a conflict) and
 * stores it with the connection. Intents already made keep their state; the policy applies to new
 * ones (and the conflict policy to every intent sent from now on).
 * @throws `Pax8SyncConfigError` naming a bad field; `Pax8SyncNotFoundError` for an unknown connection.
 * @example
 * await engine.setWritePolicy({ connectionId, policy: { approval: { every: false, increasesAbove: 5, cancellations: true } } });
 */
export async function setWritePolicy(options: SetWritePolicyOptions): Promise<WritePolicy> {
  requireWriteBack(options.storage);
  const connection = await loadConnection(options.storage, options.connectionId);
  const policy = mergeWritePolicy(storedWritePolicy(connection.writePolicy), options.policy);
  await options.storage.connections.put({ ...connection, writePolicy: policy as unknown as JsonObject, updatedAt: nowOf(options) });
  return policy;
}

/** A connection's write-back policy (the default, `defaultWritePolicy`, until one is set). */
export async function getWritePolicy(options: Pick<EngineDeps, 'storage'> & { connectionId: string }): Promise<WritePolicy> {
  requireWriteBack(options.storage);
  return storedWritePolicy((await loadConnection(options.storage, options.connectionId)).writePolicy);
}
