import { createRandom, hash32, hashString } from './random';

const MULTIPLIER = 0x2c1b3c6d;
const INVERSE = modularInverse(MULTIPLIER);

function modularInverse(odd: number): number {
  let inv = odd;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(odd, inv));
  return inv >>> 0;
}

/**
 * Turns record positions into UUIDs and back without a lookup table, so 100,000 records need no id index.
 * The first group is an invertible scramble of the position; the rest is seeded noise that is checked on decode.
 */
export interface IdCodec {
  /** The UUID of the record at `index`. */
  encode(index: number): string;
  /** The position encoded in `id`, or undefined when `id` was not made by this codec. */
  decode(id: string): number | undefined;
}

/** Creates the id codec of one record kind in one seeded world. */
export function createIdCodec(seed: number, kind: string): IdCodec {
  const key = hash32(seed, hashString(kind));
  const encode = (index: number): string => {
    let x = Math.imul((index ^ key) >>> 0, MULTIPLIER) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    const rest = createRandom(hash32(key, index, 0x1d)).hex(24);
    const variant = ((Number.parseInt(rest[11] as string, 16) & 0x3) | 0x8).toString(16);
    return `${x.toString(16).padStart(8, '0')}-${rest.slice(0, 4)}-4${rest.slice(4, 7)}-${variant}${rest.slice(8, 11)}-${rest.slice(12, 24)}`;
  };
  const decode = (id: string): number | undefined => {
    if (typeof id !== 'string' || id.length !== 36) return undefined;
    let x = Number.parseInt(id.slice(0, 8), 16);
    if (!Number.isFinite(x)) return undefined;
    x = (x ^ (x >>> 16)) >>> 0;
    const index = ((Math.imul(x, INVERSE) >>> 0) ^ key) >>> 0;
    if (index > 0x7fffffff) return undefined;
    return encode(index) === id.toLowerCase() ? index : undefined;
  };
  return { encode, decode };
}
