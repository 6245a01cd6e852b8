/** A one-line description of an error with every known secret replaced by `[redacted]`. @internal */
export function describeError(error: unknown, secrets: Iterable<string>): string {
  let text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text;
}
