/**
 * The spelling differences of the independent labelled set (bench/matcher-independent-build.ts): how a second
 * system's record of a company differs from the source name. Written for that set from two conventions, not
 * from the matcher: a registry's style (upper case, no punctuation, legal forms and some words abbreviated the
 * way SEC EDGAR's company index prints them) and a person typing a name into a PSA (a short name, a slip of the
 * keyboard, `&` for `and`, a note after the name, a `dba` trade name, lost accents, joined words, another
 * legal form). Each edit returns the edited name, or undefined when it does not apply to the name.
 */

/** The draws an edit may make (backed by faker's seeded generator). */
export interface Draw {
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

/** What an edit may know of a company besides its name. */
export interface EditContext {
  readonly draw: Draw;
  /** Legal forms of the company's locale (faker's `legal_entity_type`, or US forms for the real list). */
  readonly legalForms: readonly string[];
  /** The locale's word for "and" in company names. */
  readonly and: string;
  /** A city name (faker's `location.city`). */
  city(): string;
  /** A trade name (a city and a department, from faker). */
  tradeName(): string;
  /** Whether the name ends in business words (the real list), not in people's names (faker's patterns). */
  readonly descriptive: boolean;
}

export type Edit = (name: string, context: EditContext) => string | undefined;

/** Every legal form the sources use, longest first, to find the one a name ends with. */
const KNOWN_FORMS = [
  'Incorporated', 'Corporation', 'Company', 'Companies', 'Inc.', 'Inc', 'Corp.', 'Corp', 'Co.', 'Co', 'Ltd.', 'Ltd',
  'Limited', 'L.P.', 'LP', 'LLC', 'plc', 'PLC', 'N.V.', 'S.A.', 'AG', 'GmbH & Co. KG', 'GmbH', 'Gruppe', 'KG', 'OHG',
  'UG', 'EI', 'EURL', 'GIE', 'SA', 'SARL', 'SAS', 'SASU', 'SCA', 'SCOP', 'SCS', 'SEM', 'SNC', 'S.L.', 'SPA', 's.r.l.',
  'BV', 'NV', 'V.O.F.', 'EIRELI', 'LTDA', 'AB', 'Aktiebolag', 'HB', 'Kommanditbolag', 'AS', 'ASA', 'BA', 'RFH', 'A/S',
  'ApS', 'a.s.', 's.r.o.', 'v.o.s.', 'Group', 'Gruppen', 'Groep', 'Bedrijf', 'Combinatie', 'and Sons', 'e figli',
  'e Hijos', 'Hermanos', 'en Zonen', 'og Sønner', 'e Associados', 'Asociados', 'Comércio', 'Investment',
].sort((a, b) => b.length - a.length);

const US_FORMS = ['Inc.', 'Inc', 'LLC', 'Corp.', 'Corporation', 'Co.', 'Company', 'Ltd', 'Incorporated'];

/** The name without its trailing legal form (and the comma before it), and that form. */
export function splitLegalForm(name: string): { base: string; form: string | undefined } {
  const lower = name.toLowerCase();
  for (const form of KNOWN_FORMS) {
    if (name.length > form.length + 1 && lower.endsWith(` ${form.toLowerCase()}`)) {
      return { base: name.slice(0, -form.length - 1).replace(/,\s*$/, ''), form: name.slice(-form.length) };
    }
  }
  return { base: name, form: undefined };
}

/** Another legal form, none, or one where there was none. */
const legalForm: Edit = (name, { draw, legalForms }) => {
  const { base, form } = splitLegalForm(name);
  const others = [...new Set([...legalForms, ...US_FORMS.slice(0, 4)])].filter((f) => f !== form);
  if (form !== undefined && draw.chance(0.4)) return base;
  const next = draw.pick(others);
  return draw.chance(0.3) ? `${base}, ${next}` : `${base} ${next}`;
};

const REGISTRY_FORMS: Record<string, string> = { Incorporated: 'INC', Corporation: 'CORP', Company: 'CO', Companies: 'COS', Limited: 'LTD' };

/** A registry's style: upper case, no punctuation but `&`, the legal form abbreviated, no leading "The". */
const registry: Edit = (name) => {
  const { base, form } = splitLegalForm(name.replace(/^The /, ''));
  const tail = form === undefined ? '' : ` ${REGISTRY_FORMS[form] ?? form}`;
  const out = `${base}${tail}`.toUpperCase().replace(/[.,'’"]/g, '').replace(/\s+/g, ' ').trim();
  return out === name ? undefined : out;
};

/**
 * The name people use: no legal form and, for a name ending in business words, of three or more words, not the
 * last one either (`Harman International Industries Inc.` → `Harman International`); for a firm of three
 * partners, the first two (`Bechtelar, Koch and Padberg` → `Bechtelar, Koch`).
 */
const shortName: Edit = (name, { and, descriptive }) => {
  const the = /^the /i.test(name) ? name.slice(0, 4) : '';
  const { base, form } = splitLegalForm(name.slice(the.length));
  const words = base.split(' ');
  if (descriptive && words.length >= 3) {
    let kept = words.slice(0, -1);
    while (kept.length > 1 && ['&', 'and', 'of'].includes(kept[kept.length - 1]!)) kept = kept.slice(0, -1);
    return the + kept.join(' ').replace(/[,\s]+$/, '');
  }
  const partners = base.match(new RegExp(`^([^,]+), ([^,]+?) (?:and|&|${and}) .+$`, 'u'));
  if (partners && !descriptive) return `${the}${partners[1]}, ${partners[2]}`;
  return form === undefined ? undefined : the + base;
};

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Letters beside `letter` on a QWERTY keyboard (same row, and the keys above and below). */
function neighbours(letter: string): string[] {
  const lower = letter.toLowerCase();
  const out: string[] = [];
  KEYBOARD_ROWS.forEach((row, r) => {
    const at = row.indexOf(lower);
    if (at < 0) return;
    for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, 0], [1, -1]] as const) {
      const key = KEYBOARD_ROWS[r + dr]?.[at + dc];
      if (key) out.push(letter === lower ? key : key.toUpperCase());
    }
  });
  return out;
}

/** A slip in one word of five or more letters, not in its first letter: a neighbouring key, a letter dropped, doubled or swapped. */
const slip: Edit = (name, { draw }) => {
  const words = name.split(' ');
  const long = words.map((word, index) => ({ word, index })).filter(({ word }) => /^[A-Za-z]{5,}$/.test(word));
  if (long.length === 0) return undefined;
  const { word, index } = draw.pick(long);
  const at = draw.int(1, word.length - 1);
  const kind = draw.pick(['key', 'drop', 'double', 'swap'] as const);
  let edited: string;
  if (kind === 'key') edited = word.slice(0, at) + draw.pick(neighbours(word[at]!)) + word.slice(at + 1);
  else if (kind === 'drop') edited = word.slice(0, at) + word.slice(at + 1);
  else if (kind === 'double') edited = word.slice(0, at) + word[at] + word.slice(at);
  else edited = at < word.length - 1 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at - 1) + word[at] + word[at - 1];
  if (edited === word) return undefined;
  words[index] = edited;
  return words.join(' ');
};

/** Abbreviations as a registry prints them (SEC EDGAR's company index) or a person types them. */
const ABBREVIATIONS: Record<string, string> = {
  International: 'Intl', Industries: 'Inds', Manufacturing: 'Mfg', Technologies: 'Tech', Technology: 'Tech',
  Services: 'Svcs', Service: 'Svc', Financial: 'Finl', Holdings: 'Hldgs', Holding: 'Hldg', Communications: 'Comm',
  Laboratories: 'Labs', Systems: 'Sys', National: 'Natl', American: 'Amer', Brothers: 'Bros', Associates: 'Assoc',
  Group: 'Grp', Resources: 'Res', Products: 'Prods', Insurance: 'Ins', Management: 'Mgmt', Pharmaceuticals: 'Pharma',
  Electric: 'Elec', Chemical: 'Chem', Chemicals: 'Chem', Telecommunications: 'Telecom', Health: 'Hlth',
  Entertainment: 'Entmt', Enterprises: 'Ent', Development: 'Dev', Properties: 'Props', Investment: 'Invt',
  Bancorporation: 'Bancorp', Utilities: 'Utils', Restaurant: 'Rest', Restaurants: 'Rests', Stores: 'Strs',
  Semiconductor: 'Semi', Federal: 'Fed', Mutual: 'Mut', Equipment: 'Equip', Distribution: 'Dist',
  Transportation: 'Transp', Airlines: 'Airl', Petroleum: 'Petro', Energy: 'Enrgy', Southern: 'Sthn',
  Western: 'Wstn', Northern: 'Nthn', Company: 'Co', Corporation: 'Corp', Gruppe: 'Grp', Asociados: 'Asoc',
  Associados: 'Assoc', Logistik: 'Log', Forsikring: 'Fors', Arkitektur: 'Ark',
};

/** One word abbreviated, with or without a dot. */
const abbreviation: Edit = (name, { draw }) => {
  const words = name.split(' ');
  const found = words.map((word, index) => ({ word: word.replace(/,$/, ''), index })).filter(({ word }) => ABBREVIATIONS[word]);
  if (found.length === 0) return undefined;
  const { word, index } = draw.pick(found);
  const comma = words[index]!.endsWith(',') ? ',' : '';
  words[index] = `${ABBREVIATIONS[word]}${draw.chance(0.4) ? '.' : ''}${comma}`;
  return words.join(' ');
};

/** `&` for the locale's "and", or the other way round. */
const connector: Edit = (name, { draw, and }) => {
  const words = name.split(' ');
  const at = words.findIndex((word) => word === '&' || word === 'and' || word === and);
  if (at < 0) return undefined;
  words[at] = words[at] === '&' ? draw.pick(['and', 'And']) : draw.pick(['&', '&', '+']);
  return words.join(' ').replace(/ & /, draw.chance(0.2) ? '&' : ' & ');
};

/** A hyphen written another way: ` - ` as `-`, `-` as a space, or the hyphen dropped. */
const hyphen: Edit = (name, { draw }) => {
  if (name.includes(' - ')) return name.replace(' - ', draw.pick(['-', ' ']));
  if (!/\p{L}-\p{L}/u.test(name)) return undefined;
  return name.replace(/(\p{L})-(\p{L})/u, draw.chance(0.6) ? '$1 $2' : '$1$2');
};

const TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ø: 'oe', Ø: 'Oe', æ: 'ae', Æ: 'Ae', å: 'aa', Å: 'Aa', ł: 'l', Ł: 'L' };

/** Accents lost: dropped (`é` → `e`), or written out (`ü` → `ue`, `ø` → `oe`, `å` → `aa`). */
const ascii: Edit = (name, { draw }) => {
  if (!/[^ -~]/.test(name)) return undefined;
  const spelled = draw.chance(0.5) ? name.replace(/[äöüÄÖÜßøØæÆåÅłŁ]/g, (ch) => TRANSLITERATION[ch]!) : name;
  return spelled
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØæÆłŁß]/g, (ch) => TRANSLITERATION[ch]!);
};

/** A note a person adds after the name in a PSA. */
const note: Edit = (name, { draw, city }) =>
  `${name}${draw.pick([' (Main)', ' - HQ', ` - ${city()}`, ` (${city()})`, ` / ${city()}`, ' (inactive)', ' - Billing', ' (old)'])}`;

/** "The" added, dropped or moved to the end. */
const the: Edit = (name, { draw }) => {
  if (name.startsWith('The ')) return draw.chance(0.5) ? name.slice(4) : `${name.slice(4)}, The`;
  return `The ${name}`;
};

/** All lower case, or every word capitalised. */
const letterCase: Edit = (name, { draw }) => {
  const out = draw.chance(0.5)
    ? name.toLowerCase()
    : name.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
  return out === name ? undefined : out;
};

/** Two words written as one. */
const spacing: Edit = (name, { draw }) => {
  const words = name.split(' ');
  const joinable = words
    .map((_, k) => k)
    .filter((k) => k + 1 < words.length && /^\p{L}{3,}$/u.test(words[k]!) && /^\p{L}{3,}$/u.test(words[k + 1]!) && words[k] !== 'and');
  if (joinable.length === 0) return undefined;
  const k = draw.pick(joinable);
  return [...words.slice(0, k), words[k]! + words[k + 1]!, ...words.slice(k + 2)].join(' ');
};

/** The legal name followed by a trade name (`X Inc dba Y`); the other side keeps the legal name. */
const dba: Edit = (name, { draw, tradeName }) => `${name} ${draw.pick(['dba', 'DBA', 'd/b/a'])} ${tradeName()}`;

/**
 * The edits, in the order they are applied to a name (a note and a trade name come last, after the name itself
 * was respelled), and how often a PSA record has each, a priori (relative weights).
 */
export const EDITS: readonly { readonly name: string; readonly weight: number; readonly edit: Edit }[] = [
  { name: 'the', weight: 4, edit: the },
  { name: 'legal-form', weight: 20, edit: legalForm },
  { name: 'short-name', weight: 8, edit: shortName },
  { name: 'abbreviation', weight: 8, edit: abbreviation },
  { name: 'connector', weight: 6, edit: connector },
  { name: 'hyphen', weight: 4, edit: hyphen },
  { name: 'ascii', weight: 4, edit: ascii },
  { name: 'spacing', weight: 3, edit: spacing },
  { name: 'slip', weight: 14, edit: slip },
  { name: 'registry', weight: 8, edit: registry },
  { name: 'case', weight: 6, edit: letterCase },
  { name: 'note', weight: 8, edit: note },
  { name: 'dba', weight: 3, edit: dba },
];
