import { foldText } from './fold-text';
import { LEGAL_SUFFIXES } from './legal-suffixes';
import { MatcherInputError } from './matcher-input-error';
import { WORD_ABBREVIATIONS } from './word-abbreviations';

const SUFFIXES: readonly (readonly string[])[] = [...LEGAL_SUFFIXES]
  .map((suffix) => suffix.split(' '))
  .sort((a, b) => b.length - a.length);

const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|\{[^{}]*\}/g;
const BRANCH_TAIL = /\s+(?:-+|\|)\s+.*$/s;
const DOTTED_ABBREVIATION = /(?<![\p{L}\p{N}])(?:\p{L}\.\s?){2,}(?:\p{L}(?![\p{L}\p{N}]))?/gu;

/**
 * Normalises a company name for matching: Unicode folding and diacritics, lower case, `&` → `and`,
 * dotted abbreviations joined (`L.L.C.` → `llc`), apostrophes dropped and other punctuation to spaces,
 * branch tails removed (`Acme - Denver`, `Acme (Old)`), common abbreviations expanded (`Intl` →
 * `international`), a leading or trailing "The" and trailing legal suffixes (Inc, LLC, Ltd, GmbH, Pty Ltd, …)
 * removed, spacing collapsed. A rule that would leave nothing is not applied. For `Legal Name dba Trade Name`
 * (`dba`, `d/b/a`, `doing business as`, `trading as`) this is the trade name; Quick Match compares both names
 * (see {@link companyNameVariants}).
 * @throws {@link MatcherInputError} when `name` is not a string.
 * @example
 * normalizeCompanyName('The Smith & Jones Co., L.L.C. - Denver'); // 'smith and jones'
 */
export function normalizeCompanyName(name: string): string {
  return companyNameVariants(name)[0]!;
}

/**
 * The normalised names a company is known by, each normalised as by {@link normalizeCompanyName}: one for most
 * names; for `Legal Name dba Trade Name` two, the trade name first, then the legal name, so the company matches
 * a record holding either (`Kaur Holdings LLC dba Grastam Realty` → `['grastam realty', 'kaur holdings']`).
 * Quick Match and {@link createMatchScorer} score a pair on every combination and keep the best.
 * @throws {@link MatcherInputError} when `name` is not a string.
 * @example
 * companyNameVariants('Acme Inc. d/b/a Widget World'); // ['widget world', 'acme']
 * companyNameVariants('Acme, Inc.'); // ['acme']
 */
export function companyNameVariants(name: string): string[] {
  if (typeof name !== 'string') {
    throw new MatcherInputError('name', `must be a string, got ${name === null ? 'null' : typeof name}.`);
  }
  const folded = foldText(name);
  let text = dropUnclosedBracket(folded.replace(BRACKETED, ' ').replace(BRACKETED, ' '));
  text = text.replace(BRANCH_TAIL, '');
  let tokens = tokenize(text);
  if (tokens.length === 0) tokens = tokenize(folded);
  const finish = (words: string[]) => stripAffixes(words.map((token) => WORD_ABBREVIATIONS[token] ?? token)).join(' ');
  const split = splitTradeName(tokens);
  if (split === undefined) return [finish(tokens)];
  const trade = finish(split.trade);
  const legal = finish(split.legal);
  return legal === trade ? [trade] : [trade, legal];
}

const TRADE_NAME_MARKERS: readonly (readonly string[])[] = [['dba'], ['d', 'b', 'a'], ['doing', 'business', 'as'], ['trading', 'as']];

/**
 * `Legal Name dba Trade Name` split at its markers: the words before the first marker and after the last one,
 * or undefined when the name has no marker with words on both sides.
 */
function splitTradeName(tokens: string[]): { legal: string[]; trade: string[] } | undefined {
  const markers: { at: number; end: number }[] = [];
  for (let at = 1; at <= tokens.length - 2; at++) {
    for (const marker of TRADE_NAME_MARKERS) {
      const end = at + marker.length;
      if (end < tokens.length && marker.every((word, k) => tokens[at + k] === word)) markers.push({ at, end });
    }
  }
  if (markers.length === 0) return undefined;
  return { legal: tokens.slice(0, markers[0]!.at), trade: tokens.slice(markers[markers.length - 1]!.end) };
}

/** Drops a bracket left open at the end (`Acme (Denver`), in one pass (a regex here could go quadratic). */
function dropUnclosedBracket(text: string): string {
  const lastClosing = Math.max(text.lastIndexOf(')'), text.lastIndexOf(']'), text.lastIndexOf('}'));
  for (let i = lastClosing + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') return text.slice(0, i);
  }
  return text;
}

function tokenize(text: string): string[] {
  return text
    .replace(/&/g, ' and ')
    .replace(DOTTED_ABBREVIATION, (match) => ` ${match.replace(/[.\s]/g, '')} `)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((token) => token !== '');
}

function stripAffixes(input: string[]): string[] {
  const tokens = [...input];
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  let changed = true;
  while (changed && tokens.length > 1) {
    changed = false;
    const last = tokens[tokens.length - 1];
    if (last === 'the' || last === 'and') {
      tokens.pop();
      changed = true;
      continue;
    }
    for (const suffix of SUFFIXES) {
      if (suffix.length >= tokens.length) continue;
      if (endsWith(tokens, suffix)) {
        tokens.length -= suffix.length;
        changed = true;
        break;
      }
    }
  }
  return tokens;
}

function endsWith(tokens: readonly string[], suffix: readonly string[]): boolean {
  const offset = tokens.length - suffix.length;
  return suffix.every((token, index) => tokens[offset + index] === token);
}
