/** Replaces every occurrence of each secret in `text` with `[redacted]`. @internal */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}

// JSON.stringify shows a Headers or Request as `{}`, while util.inspect prints their headers.
const pairs = (headers: Headers): string[][] => {
  const out: string[][] = [];
  headers.forEach((value, key) => {
    out.push([key, value]);
  });
  return out;
};
const revealing = (_key: string, value: unknown): unknown => {
  if (typeof Headers !== 'undefined' && value instanceof Headers) return pairs(value);
  if (typeof Request !== 'undefined' && value instanceof Request) return { method: value.method, url: value.url, headers: pairs(value.headers) };
  return value;
};

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, revealing) ?? String(value);
  } catch {
    return String(value);
  }
}

function mentions(value: unknown, secrets: readonly string[], depth: number): boolean {
  if (depth > 5 || value === undefined || value === null) return false;
  if (!(value instanceof Error)) return secrets.some((secret) => secret.length >= 4 && render(value).includes(secret));
  const own = Object.keys(value).map((key) => (value as unknown as Record<string, unknown>)[key]);
  return [value.message, value.stack, ...own].some((part) => mentions(part, secrets, depth + 1)) || mentions(value.cause, secrets, depth + 1);
}

/**
 * Returns `error` itself when it mentions no secret; otherwise a plain copy (same name, redacted
 * message and stack, string fields kept redacted, cause scrubbed the same way). A fetch
 * implementation may put the whole request (Authorization header, token request body) into its
 * error, and that error becomes our `cause`. @internal
 */
export function scrubError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!mentions(error, secrets, 0)) return error;
  if (!(error instanceof Error) || depth > 5) return `[redacted ${error instanceof Error ? error.name : typeof error}]`;
  const cause = error.cause === undefined ? undefined : scrubError(error.cause, secrets, depth + 1);
  const copy = new Error(redact(error.message, secrets), cause === undefined ? undefined : { cause });
  copy.name = error.name;
  copy.stack = redact(error.stack ?? '', secrets);
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      (copy as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? redact(value, secrets) : value;
    }
  }
  return copy;
}
