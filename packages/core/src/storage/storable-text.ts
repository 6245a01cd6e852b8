import type { JsonValue } from './json';

/**
 * Whether a string is one every storage adapter must accept and store verbatim: any string
 * without U+0000 (NUL) and without a lone surrogate (a UTF-16 surrogate not part of a pair).
 * Those two cannot be encoded in PostgreSQL `text`/`json` or in well-formed UTF-8; the engine
 * never hands them to storage (records holding them are quarantined, settings are refused).
 * @example
 * isStorableString('Zürich 🚀'); // true
 * isStorableString('a\u0000b'); // false
 */
export function isStorableString(value: string): boolean {
  // NUL is a valid code point, but neither PostgreSQL text nor C-string based stores can hold it.
  return value.indexOf('\u0000') === -1 && !loneSurrogate.test(value);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (UTF-16 code units: no `u` flag). */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** NUL and lone surrogates, to replace them in a reported path. */
const unstorableUnits = new RegExp(`${String.fromCharCode(0)}|${loneSurrogate.source}`, 'g');

/** Where a JSON value holds a string storage cannot keep, and why. */
export interface UnstorableText {
  /** Dotted path of the value (`name`, `lines.2.description`); an object key itself is reported as its path. */
  path: string;
  /** `contains U+0000 (NUL)` or `contains a lone surrogate`. */
  message: string;
}

const why = (text: string): string => (text.indexOf('\u0000') !== -1 ? 'contains U+0000 (NUL), which storage cannot hold' : 'contains a lone surrogate (not valid Unicode), which storage cannot hold');

/**
 * The first string (value or object key) in `value` that storage cannot hold (see
 * {@link isStorableString}), or `undefined` when every string is storable.
 * @param value - a JSON value.
 * @param path - the path of `value` itself, prefixed to what is reported.
 */
export function findUnstorableText(value: JsonValue | undefined, path = ''): UnstorableText | undefined {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (typeof value === 'string') return isStorableString(value) ? undefined : { path: path || '(value)', message: why(value) };
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableText(value[i], at(String(i)));
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!isStorableString(key)) return { path: at(key.replace(unstorableUnits, '\ufffd')), message: `its key ${why(key)}` };
    const found = findUnstorableText(value[key], at(key));
    if (found) return found;
  }
  return undefined;
}

/** `text` with U+0000 and lone surrogates replaced by U+FFFD, so storage can hold it. @internal */
export function storableText(text: string): string {
  return isStorableString(text) ? text : text.replace(unstorableUnits, '\ufffd');
}

/** A copy of a JSON value whose strings (and keys) are all storable (see {@link storableText}). @internal */
export function storableCopy(value: JsonValue): JsonValue {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(storableCopy);
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) out[storableText(key)] = storableCopy(value[key] as JsonValue);
  return out;
}
