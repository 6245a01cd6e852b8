import type { z } from 'zod';
import { Pax8ValidationError, type Pax8ValidationIssue } from '../errors/pax8-validation-error';
import type { Pax8DriftEvent } from '../http/hooks';
import type { CompleteLogger } from '../http/logger';
import type { Pax8Model } from './enum-mode';

/** How responses are checked: `lenient` passes unknown enum values (and reports them), `strict` throws. */
export type Pax8ValidationMode = 'lenient' | 'strict';

/** A record of a page that failed its schema (lenient mode); the rest of the page went on. */
export interface Pax8RejectedRecord {
  /** Position in the page's `content`. */
  index: number;
  /** The record exactly as Pax8 sent it. */
  record: unknown;
  /** One-line summary of why it was rejected. */
  reason: string;
  /** Every problem, with its path inside the record. */
  issues: Pax8ValidationIssue[];
}

/** Formats a zod path as `content[3].status`. @internal */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function toIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): Pax8ValidationIssue[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Parses payloads with the lenient or strict model and reports drift. @internal */
export interface Validator {
  readonly mode: Pax8ValidationMode;
  /** One response object; throws Pax8ValidationError when it does not fit. */
  one<S extends z.ZodType>(model: Pax8Model<S>, data: unknown, url: string, prefix?: readonly PropertyKey[]): z.infer<S>;
  /** Records of a page: lenient mode puts failures in `rejected`, strict mode throws. */
  records<S extends z.ZodType>(model: Pax8Model<S>, items: readonly unknown[], url: string): { content: z.infer<S>[]; rejected: Pax8RejectedRecord[] };
  /** A request body you pass; throws Pax8ValidationError naming the field. */
  body<S extends z.ZodType>(model: Pax8Model<S>, data: unknown): z.infer<S>;
}

/** What {@link createValidator} needs. @internal */
export interface ValidatorOptions {
  mode: Pax8ValidationMode;
  logger: CompleteLogger;
  onDrift: ((event: Pax8DriftEvent) => void) | undefined;
}

/** Builds the validator. @internal */
export function createValidator(options: ValidatorOptions): Validator {
  const reported = new Set<string>();

  const reportDrift = (model: Pax8Model<z.ZodType>, data: unknown, url: string, prefix: readonly PropertyKey[]) => {
    const strict = model.strict.safeParse(data);
    if (strict.success) return;
    for (const issue of strict.error.issues) {
      const path = formatPath([...prefix, ...issue.path]);
      const value = valueAt(data, issue.path);
      const key = `${model.name}|${formatPath(issue.path.map((part) => (typeof part === 'number' ? 0 : part)))}|${String(value)}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const event: Pax8DriftEvent = { schema: model.name, path, value, expected: issue.message, url };
      options.logger.warn({ schema: model.name, path, value, expected: issue.message, url }, 'pax8 sent a value the schema does not know; passed through');
      try {
        options.onDrift?.(event);
      } catch (error) {
        options.logger.warn({ hook: 'onDrift', error: error instanceof Error ? error.message : String(error) }, 'pax8 hook threw; ignored');
      }
    }
  };

  const parse = <S extends z.ZodType>(model: Pax8Model<S>, data: unknown, url: string, prefix: readonly PropertyKey[]) => {
    if (options.mode === 'strict') {
      const result = model.strict.safeParse(data);
      return result.success ? { ok: true as const, data: result.data as z.infer<S> } : { ok: false as const, issues: toIssues(result.error, prefix) };
    }
    const result = model.lenient.safeParse(data);
    if (!result.success) return { ok: false as const, issues: toIssues(result.error, prefix) };
    reportDrift(model, data, url, prefix);
    return { ok: true as const, data: result.data as z.infer<S> };
  };

  const fail = (schema: string, issues: Pax8ValidationIssue[], url?: string) =>
    new Pax8ValidationError(
      `${schema} does not match its schema at ${issues[0]?.path || '(root)'}: ${issues[0]?.message ?? 'invalid'}${url ? ` (from ${url})` : ''}`,
      { schema, issues, ...(url ? { url } : {}) },
    );

  return {
    mode: options.mode,
    one(model, data, url, prefix = []) {
      const result = parse(model, data, url, prefix);
      if (!result.ok) throw fail(model.name, result.issues, url);
      return result.data;
    },
    records(model, items, url) {
      const content: z.infer<typeof model.lenient>[] = [];
      const rejected: Pax8RejectedRecord[] = [];
      items.forEach((item, index) => {
        const result = parse(model, item, url, ['content', index]);
        if (result.ok) {
          content.push(result.data);
          return;
        }
        if (options.mode === 'strict') throw fail(model.name, result.issues, url);
        const local = result.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^content\[\d+\]\.?/, '') }));
        rejected.push({ index, record: item, reason: `${local[0]?.path || '(root)'}: ${local[0]?.message ?? 'invalid'}`, issues: local });
        options.logger.warn({ schema: model.name, index, reason: rejected[rejected.length - 1]?.reason, url }, 'pax8 record rejected by its schema');
      });
      return { content, rejected };
    },
    body(model, data) {
      const schema = options.mode === 'strict' ? model.strict : model.lenient;
      const result = schema.safeParse(data);
      if (!result.success) throw fail(model.name, toIssues(result.error));
      return result.data as z.infer<typeof model.lenient>;
    },
  };
}
