import type { z } from 'zod';
import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';

/**
 * Parses `value` with `schema`; the first issue becomes a Pax8InvalidArgumentError naming the
 * field (dotted path, or the misspelt key) and what is wrong with it. @internal
 */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = [...(issue?.path ?? []).map(String), ...(unknownKey ? [unknownKey] : [])].join('.') || 'options';
  const message = unknownKey ? 'is not an option (check the spelling)' : (issue?.message ?? 'invalid');
  throw new Pax8InvalidArgumentError(`Invalid ${what} option \`${field}\`: ${message}`, { field });
}
