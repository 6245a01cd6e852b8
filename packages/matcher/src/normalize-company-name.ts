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
 * branch tails removed (`Acme - Denver`, `Acme (Old)`), a legal name before `dba` / `d/b/a` / `doing business as`
 * dropped (the trade name stays), common abbreviations expanded (`Intl` →
 * `international`), a leading or trailing "The" and trailing legal suffixes (Inc, LLC, Ltd, GmbH, Pty Ltd, …)
 * removed, spacing collapsed. A rule that would leave nothing is not applied.
 * @throws {@link MatcherInputError} when `name` is not a string.
 * @example
 * normalizeCompanyName('The Smith & Jones Co., L.L.C. - Denver'); // 'smith and jones'
 */
export function normalizeCompanyName(name: string): string {
  if (typeof name !== 'string') {
    throw new MatcherInputError('name', `must be a string, got ${name === null ? 'null' : typeof name}.`);
  }
  const folded = foldText(name);
  let text = dropUnclosedBracket(folded.replace(BRACKETED, ' ').replace(BRACKETED, ' '));
  text = text.replace(BRANCH_TAIL, '');
  let tokens = tokenize(text);
  if (tokens.length === 0) tokens = tokenize(folded);
  return stripAffixes(tradeName(tokens).map((token) => WORD_ABBREVIATIONS[token] ?? token)).join(' ');
}

const TRADE_NAME_MARKERS: readonly (readonly string[])[] = [['dba'], ['d', 'b', 'a'], ['doing', 'business', 'as'], ['trading', 'as']];

/** The trade name of `Legal Name dba Trade Name` (the words after the last marker), or the tokens as they are. */
function tradeName(tokens: string[]): string[] {
  for (let at = tokens.length - 2; at >= 1; at--) {
    for (const marker of TRADE_NAME_MARKERS) {
      const end = at + marker.length;
      if (end < tokens.length && marker.every((word, k) => tokens[at + k] === word)) return tokens.slice(end);
    }
  }
  return tokens;
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
