import { createHash } from 'node:crypto';
import type { Pax8SyncEntity } from '@pax8-sync/core';

/**
 * Where in its cadence a (connection, entity) runs: a fixed offset in `[0, cadenceMs)` drawn from a
 * hash of the pair, so 5,000 hourly connections spread over the hour instead of starting on it, and
 * each keeps its own minute run after run (and on every worker: no state, no clock).
 * @param connectionId - the connection.
 * @param entity - the entity.
 * @param cadenceMs - the interval between runs, ms.
 */
export function cadenceOffset(connectionId: string, entity: Pax8SyncEntity, cadenceMs: number): number {
  const digest = createHash('sha256').update(`${connectionId}\n${entity}`).digest();
  return digest.readUIntBE(0, 6) % Math.max(1, Math.floor(cadenceMs));
}

/**
 * The first scheduled time of a (connection, entity) strictly after `after`: slots are
 * `offset + k × cadenceMs` (epoch ms), with {@link cadenceOffset} as the offset.
 * @param connectionId - the connection.
 * @param entity - the entity.
 * @param cadenceMs - the interval, ms.
 * @param after - epoch ms.
 * @example
 * nextSlot('conn-1', 'subscriptions', 3_600_000, Date.now()); // this connection's next hourly minute
 */
export function nextSlot(connectionId: string, entity: Pax8SyncEntity, cadenceMs: number, after: number): number {
  const offset = cadenceOffset(connectionId, entity, cadenceMs);
  const k = Math.floor((after - offset) / cadenceMs) + 1;
  return offset + k * cadenceMs;
}
