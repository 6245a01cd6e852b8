import { DEFAULT_MATCH_THRESHOLD } from './constants';
import { MatcherInputError } from './matcher-input-error';
import type { CompanyRef, MappingPair, QuickMatchOptions } from './quick-match-types';

/** @internal Checks one side's companies: an array of `{ id, name }` with string fields and unique ids. */
export function validateCompanies(companies: unknown, field: string): readonly CompanyRef[] {
  if (!Array.isArray(companies)) {
    throw new MatcherInputError(field, 'must be an array of { id, name } objects.');
  }
  const seen = new Map<string, number>();
  companies.forEach((company: unknown, index) => {
    const at = `${field}[${index}]`;
    if (typeof company !== 'object' || company === null) {
      throw new MatcherInputError(at, 'must be an object with string `id` and `name`.');
    }
    const { id, name } = company as { id?: unknown; name?: unknown };
    if (typeof id !== 'string' || id === '') {
      throw new MatcherInputError(`${at}.id`, 'must be a non-empty string (convert numeric ids with String(id)).');
    }
    if (typeof name !== 'string') {
      throw new MatcherInputError(`${at}.name`, `must be a string, got ${name === null ? 'null' : typeof name}.`);
    }
    const first = seen.get(id);
    if (first !== undefined) {
      throw new MatcherInputError(`${at}.id`, `duplicates ${field}[${first}].id (${JSON.stringify(id)}); ids must be unique on each side.`);
    }
    seen.set(id, index);
  });
  return companies as readonly CompanyRef[];
}

/** @internal Checks the options and returns the threshold to use. */
export function validateOptions(options: QuickMatchOptions): number {
  if (typeof options !== 'object' || options === null) {
    throw new MatcherInputError('options', 'must be an object (or left out).');
  }
  const threshold = options.threshold ?? DEFAULT_MATCH_THRESHOLD;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
    throw new MatcherInputError(
      'options.threshold',
      `must be a number greater than 0 and at most 1 (default ${DEFAULT_MATCH_THRESHOLD}), got ${String(threshold)}.`,
    );
  }
  validatePairs(options.confirmed, 'options.confirmed');
  validatePairs(options.rejected, 'options.rejected');
  return threshold;
}

function validatePairs(pairs: readonly MappingPair[] | undefined, field: string): void {
  if (pairs === undefined) return;
  if (!Array.isArray(pairs)) throw new MatcherInputError(field, 'must be an array of { pax8Id, psaId } pairs.');
  pairs.forEach((pair: unknown, index) => {
    const { pax8Id, psaId } = (pair ?? {}) as { pax8Id?: unknown; psaId?: unknown };
    if (typeof pax8Id !== 'string') throw new MatcherInputError(`${field}[${index}].pax8Id`, 'must be a string.');
    if (typeof psaId !== 'string') throw new MatcherInputError(`${field}[${index}].psaId`, 'must be a string.');
  });
}
