import type { Pax8SyncEntity } from './entity';
import type { JsonValue } from './json';

/** A record Pax8 sent that failed validation, kept with its reason instead of being dropped. */
export interface QuarantinedRecord {
  /** The connection. */
  connectionId: string;
  /** The entity the record was pulled as. */
  entity: Pax8SyncEntity;
  /** Pax8 id when the record had one, else `page:<n>:index:<i>`; unique per (connection, entity). */
  key: string;
  /** Run that quarantined it. */
  runId: string;
  /** Why it was rejected. */
  reason: string;
  /** Validation issues (path and message). */
  issues: { path: string; message: string }[];
  /** The raw record as received: any JSON value (an object, but also a string, `null`, an array...), read back verbatim. */
  record: JsonValue;
  /** When, epoch ms. */
  at: number;
}

/** Quarantine of invalid records. */
export interface QuarantineStore {
  /** Inserts or replaces each record by (connectionId, entity, key). An empty array is a no-op. */
  putMany(records: readonly QuarantinedRecord[]): Promise<void>;
  /** Quarantined records of the connection, optionally of one entity, ordered by entity then key. */
  list(connectionId: string, options?: { entity?: Pax8SyncEntity }): Promise<QuarantinedRecord[]>;
  /** Removes these keys of the entity (e.g. once the record validates again); unknown keys are ignored. */
  deleteMany(connectionId: string, entity: Pax8SyncEntity, keys: readonly string[]): Promise<void>;
}
