import type { Pax8DriftKind } from './faults';
import { createRandom } from './random';

const NEW_ENUM_VALUES: Record<string, string> = {
  status: 'PendingReview',
  billingTerm: 'Quarterly',
  type: 'Hybrid',
  finalStatus: 'THROTTLED',
};

function oddDate(value: string): string {
  // Seen from Pax8 over the years: a space instead of `T`, no zone, and US-style dates.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(value);
  if (!m) return value;
  return m[4] ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}` : `${m[2]}/${m[3]}/${m[1]}`;
}

/** Applies one drift kind to a copy of a record; returns the drifted record. */
export function driftRecord(record: Record<string, unknown>, kind: Pax8DriftKind): Record<string, unknown> {
  const out = { ...record };
  if (kind === 'unknownField') {
    out.pax8Metadata = { source: 'marketplace', revision: 2 };
    out.isNewCommerce = true;
    return out;
  }
  if (kind === 'newEnumValue') {
    for (const [field, value] of Object.entries(NEW_ENUM_VALUES)) {
      if (typeof out[field] === 'string') {
        out[field] = value;
        return out;
      }
    }
    out.pax8Metadata = { tier: 'Platinum' };
    return out;
  }
  for (const [field, value] of Object.entries(out)) {
    if (/Date$|At$/.test(field) && typeof value === 'string' && oddDate(value) !== value) {
      out[field] = oddDate(value);
      return out;
    }
  }
  return out;
}

/** Drifts a share of the records of a response body (`{ content: [...] }` or a single record). */
export function driftBody(body: unknown, seed: number, kinds: readonly Pax8DriftKind[], share: number): unknown {
  if (typeof body !== 'object' || body === null || kinds.length === 0) return body;
  const rng = createRandom(seed);
  const holder = body as Record<string, unknown>;
  if (Array.isArray(holder.content)) {
    const content = holder.content as Record<string, unknown>[];
    if (content.length === 0) return body;
    const forced = rng.int(0, content.length - 1);
    return {
      ...holder,
      content: content.map((r, k) => (k === forced || rng.chance(share) ? driftRecord(r, rng.pick(kinds)) : r)),
    };
  }
  return driftRecord(holder, rng.pick(kinds));
}
