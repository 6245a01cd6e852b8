import type { EngineDeps } from '../engine/engine-deps';
import type { ListWriteIntentsOptions } from '../storage/outbox';
import { loadIntent, requireWriteBack } from './write-context';
import type { WriteIntent } from './write-types';

/** Options of {@link listWrites}. */
export interface ListWritesOptions extends Pick<EngineDeps, 'storage'>, ListWriteIntentsOptions {
  /** The connection. */
  connectionId: string;
}

/** The connection's write intents ascending by id (filter by `states`, page with `after`/`limit`, default 100). */
export function listWrites(options: ListWritesOptions): Promise<WriteIntent[]> {
  const { storage, connectionId, ...filter } = options;
  return requireWriteBack(storage).list(connectionId, filter);
}

/** One write intent. @throws `Pax8SyncNotFoundError` for an unknown one. */
export function getWrite(options: Pick<EngineDeps, 'storage'> & { connectionId: string; intentId: string }): Promise<WriteIntent> {
  return loadIntent(options.storage, options.connectionId, options.intentId);
}
