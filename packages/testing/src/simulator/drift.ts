import type { Pax8RecordDriftKind } from './drift-kinds';
import { createRandom } from './random';
import { type Pax8DriftMangle, mangleRecord, type RecordDriftSettings } from './record-drift';

type Json = Record<string, unknown>;

/**
 * The `drift` fault: a share of the records of a response (`{ content: [...] }` or a single record) each
 * get one kind drawn from `kinds`. Returns the body served and what was done to it.
 */
export function driftBody(body: unknown, seed: number, kinds: readonly Pax8RecordDriftKind[], share: number, settings: RecordDriftSettings): { body: unknown; mangled: Pax8DriftMangle[] } {
  if (typeof body !== 'object' || body === null || kinds.length === 0) return { body, mangled: [] };
  const rng = createRandom(seed);
  const mangled: Pax8DriftMangle[] = [];
  const drift = (record: Json): Json => {
    const done = mangleRecord(record, typeof record.id === 'string' ? record.id : '', { kind: rng.pick(kinds) }, rng, settings);
    if (!done) return record;
    mangled.push(done.mangle);
    return done.record;
  };
  const holder = body as Json;
  if (!Array.isArray(holder.content)) return { body: drift(holder), mangled };
  const content = holder.content as Json[];
  if (content.length === 0) return { body, mangled };
  const forced = rng.int(0, content.length - 1);
  return { body: { ...holder, content: content.map((r, k) => (k === forced || rng.chance(share) ? drift(r) : r)) }, mangled };
}
