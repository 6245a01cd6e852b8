/**
 * Builds bench/data/matcher-independent-<seed>.tsv: a labelled Quick Match set whose company names come from
 * outside this project, so neither the matcher nor the project's own generators (matcher-quality-build.ts,
 * matcher-holdout-build.ts) shaped them:
 *
 * - **Real names**: the list of 947 real US companies (Fortune 1000 of about 2000) that `chance` 1.1.13 ships
 *   (`chance.company()`). All 140 companies that share their first word with another one (`General Mills`,
 *   `General Motors`, `General Dynamics`; `American Express`, `American Standard`; `United Rentals`, ...) are
 *   taken, so the list's own same-brand and shared-word near misses are in the set, and 100 others at random.
 * - **Someone else's generator**: `@faker-js/faker` 10.6.0's `company.name()` in 12 locales (en_US, en_GB, de,
 *   fr, es, it, nl, pt_BR, sv, nb_NO, da, cs_CZ), 14 names each: faker's own name patterns, surnames and legal
 *   forms (`Lang, Dahm und Knies`, `Crona - Haag`, `Gutjahr GmbH & Co. KG`, `Aabenraa Anlæg`, `Šváb a.s.`).
 *   Two faker names that are the same once their legal forms are dropped count as one company.
 * - **Near misses of its own**: (1) the real list's companies sharing a first word, (2) 25 made-up siblings of
 *   real companies: the brand of one with the business words of another (`Harman` + `Financial Group Inc.`),
 *   (3) 40 faker siblings: another faker name of the same locale with the first name word of a faker company
 *   (`Walker Inc` / `Walker - Stamm`, `Aabenraa Anlæg` / `Aabenraa Byg`), (4) every other pair of real
 *   companies sharing a business word only (`Financial`, `Energy`, `Industries`). The TSV lists them as
 *   near-miss rows; whatever Quick Match pairs wrongly counts against precision anyway.
 * - **Sides**: 70% of the companies (30% of the siblings) are on both sides, the rest on one side only, half
 *   each. A company on both sides gets 0 (8%), 1 (47%), 2 (32%) or 3 (13%) spelling differences on one side
 *   (the PSA's three times in four), drawn by fixed weights from bench/matcher-independent-edits.ts, an edit
 *   model written for this set from a registry's style and a person's typing, not from the matcher. A
 *   difference that would make the name another company's is drawn again.
 * - Every random draw is faker's seeded generator (`faker.seed`), so a seed gives the same file with these
 *   package versions (pinned in packages/matcher's devDependencies).
 *
 * Committed before Quick Match is evaluated on it. Do not rebuild or edit a committed set to suit the
 * matcher: draw a new seed instead, and say so (README, "Quality").
 * Run: `pnpm exec tsx bench/matcher-independent-build.ts [seed] [output file name]`.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { type Draw, EDITS, type EditContext, splitLegalForm } from './matcher-independent-edits';

/** The parts of faker this builder uses. */
interface FakerLike {
  seed(value: number): unknown;
  company: { name(): string };
  location: { city(): string };
  commerce: { department(): string };
  helpers: { shuffle<T>(list: readonly T[]): T[]; arrayElement<T>(list: readonly T[]): T };
  number: { int(options: { min: number; max: number }): number };
  datatype: { boolean(options: { probability: number }): boolean };
  rawDefinitions: { company?: { legal_entity_type?: string[] } };
}

const FAKER_VERSION = '10.6.0';
const CHANCE_VERSION = '1.1.13';
const seed = Number(process.argv[2] ?? 1);
const output = process.argv[3] ?? `matcher-independent-${seed}.tsv`;

// The sources are the matcher package's devDependencies: load them from there.
const fromMatcher = createRequire(new URL('../packages/matcher/package.json', import.meta.url));
for (const [name, version] of [['@faker-js/faker', FAKER_VERSION], ['chance', CHANCE_VERSION]] as const) {
  const found = (fromMatcher(`${name}/package.json`) as { version: string }).version;
  if (found !== version) throw new Error(`${name} ${found} installed; this set is defined with ${version}.`);
}
const fakers = (await import(pathToFileURL(fromMatcher.resolve('@faker-js/faker')).href)) as Record<string, FakerLike>;
const Chance = fromMatcher('chance') as new () => { get(name: 'company'): string[] };
const REAL_NAMES = new Chance().get('company');

const main = fakers.fakerEN_US!;
main.seed(seed);
const draw: Draw = {
  chance: (p) => main.datatype.boolean({ probability: p }),
  pick: (items) => main.helpers.arrayElement(items),
  int: (min, max) => main.number.int({ min, max }),
};

const LOCALES: readonly (readonly [string, string])[] = [
  ['fakerEN_US', 'and'], ['fakerEN_GB', 'and'], ['fakerDE', 'und'], ['fakerFR', 'et'], ['fakerES', 'y'], ['fakerIT', 'e'],
  ['fakerNL', 'en'], ['fakerPT_BR', 'e'], ['fakerSV', 'och'], ['fakerNB_NO', 'og'], ['fakerDA', 'og'], ['fakerCS_CZ', 'a'],
];
const US_LEGAL_FORMS = ['Inc.', 'Inc', 'Corporation', 'Corp.', 'Company', 'Co.', 'LLC', 'Incorporated'];

interface Company {
  readonly name: string;
  readonly source: 'real' | 'faker';
  /** Locale key (`fakerDE`) for faker names, 'real' for the real list. */
  readonly locale: string;
  readonly key: string;
  /** The first word of the name (without a leading "The"), lower case: real clusters and faker siblings share it. */
  readonly brand: string;
  /** Near-miss family: the company this one was made from (siblings), or itself. */
  readonly family: string;
  readonly sibling: boolean;
}

const CONNECTORS = new Set(['and', '&', '+', 'und', 'et', 'y', 'e', 'en', 'och', 'og', 'a', 'the', 'of']);

/** A simple identity of a name, this builder's own (not the matcher's): lower case, letters and digits, no legal form. */
function keyOf(name: string): string {
  let base = name.replace(/^the /i, '');
  for (let previous = ''; previous !== base; ) {
    previous = base;
    base = splitLegalForm(base).base;
  }
  return base
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&+]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '' && !CONNECTORS.has(word))
    .join(' ');
}

const PARTICLES = new Set(['de', 'van', 'der', 'den', 'da', 'di', 'la', 'le', 'von', 'del', 'dos', 'das', 'do']);
/** The first word of the name that is not a particle (`de Groot` → `groot`), lower case. */
const firstWord = (name: string) => keyOf(name).split(' ').find((word) => !PARTICLES.has(word)) ?? '';
const companies: Company[] = [];
const keys = new Set<string>();

function add(name: string, source: Company['source'], locale: string, family?: string): Company | undefined {
  const key = keyOf(name);
  if (key === '' || keys.has(key)) return undefined;
  keys.add(key);
  const company = { name, source, locale, key, brand: firstWord(name), family: family ?? key, sibling: family !== undefined };
  companies.push(company);
  return company;
}

function addRealCompanies(): void {
  const clusters = new Map<string, string[]>();
  for (const name of REAL_NAMES) clusters.set(firstWord(name), [...(clusters.get(firstWord(name)) ?? []), name]);
  const shared = REAL_NAMES.filter((name) => clusters.get(firstWord(name))!.length > 1);
  for (const name of shared) add(name, 'real', 'real');
  const others = main.helpers.shuffle(REAL_NAMES.filter((name) => clusters.get(firstWord(name))!.length === 1));
  const chosen = others.slice(0, 100);
  for (const name of chosen) add(name, 'real', 'real');
  // Business words: words that are not the first of at least three names of the list (Financial, Services, Energy).
  const laterWords = new Map<string, number>();
  for (const name of REAL_NAMES) for (const word of new Set(splitLegalForm(name).base.split(' ').slice(1))) laterWords.set(word, (laterWords.get(word) ?? 0) + 1);
  const business = (word: string) => /^\p{Lu}\p{Ll}+$/u.test(word) && (laterWords.get(word) ?? 0) >= 3;
  const donors = others.slice(100);
  let made = 0;
  for (const original of main.helpers.shuffle(chosen)) {
    if (made === 25) break;
    const brand = splitLegalForm(original.replace(/^The /, '')).base.split(' ')[0]!;
    // The donor's last one or two business words and its legal form: `Harman` + `Financial Services Inc.`.
    const donor = splitLegalForm(draw.pick(donors).replace(/^The /, ''));
    const words = donor.base.split(' ');
    let take = 0;
    while (take < Math.min(draw.int(1, 2), words.length - 1) && business(words[words.length - 1 - take]!)) take++;
    if (brand.length < 3 || take === 0) continue;
    const name = [brand, ...words.slice(-take), ...(donor.form ? [donor.form] : [])].join(' ');
    if (add(name, 'real', 'real', keyOf(original))) made++;
  }
}

function addFakerCompanies(): void {
  LOCALES.forEach(([locale], index) => {
    const faker = fakers[locale]!;
    faker.seed(seed * 1000 + index);
    for (let made = 0, tries = 0; made < 14 && tries < 200; tries++) if (add(faker.company.name(), 'faker', locale)) made++;
  });
  // A name word is a capitalised word of three or more letters (not `de`, `van`).
  const nameWord = (name: string) => name.split(/[\s,-]+/)[0]!;
  const capitalised = (word: string) => /^\p{Lu}\p{L}{2,}$/u.test(word);
  const originals = main.helpers.shuffle(companies.filter((company) => company.source === 'faker' && capitalised(nameWord(company.name))));
  let made = 0;
  for (const original of originals) {
    if (made === 40) break;
    const other = fakers[original.locale]!.company.name();
    if (!capitalised(nameWord(other))) continue;
    if (add(other.replace(nameWord(other), nameWord(original.name)), 'faker', original.locale, original.key)) made++;
  }
}

/** The edit context of a company: its locale's legal forms and "and". */
function contextOf(company: Company): EditContext {
  const faker = company.source === 'faker' ? fakers[company.locale]! : main;
  const legalForms = company.source === 'real' ? US_LEGAL_FORMS : (faker.rawDefinitions.company?.legal_entity_type ?? US_LEGAL_FORMS);
  const and = LOCALES.find(([locale]) => locale === company.locale)?.[1] ?? 'and';
  return {
    draw,
    legalForms,
    and,
    city: () => main.location.city(),
    tradeName: () => `${main.location.city()} ${main.commerce.department()}`,
    descriptive: company.source === 'real',
  };
}

/**
 * `count` different edits that apply to the name, drawn by weight without repeats, then applied in their
 * order in `EDITS`; the names of those that changed the name.
 */
function applyEdits(name: string, count: number, context: EditContext): { name: string; edits: string[] } {
  const chosen = new Set<(typeof EDITS)[number]>();
  const left = [...EDITS];
  while (chosen.size < count && left.length > 0) {
    const total = left.reduce((sum, edit) => sum + edit.weight, 0);
    let index = 0;
    for (let roll = draw.int(1, total) - left[0]!.weight; roll > 0; roll -= left[index]!.weight) index++;
    const [edit] = left.splice(index, 1);
    if (edit!.edit(name, context) !== undefined) chosen.add(edit!);
  }
  let current = name;
  const applied: string[] = [];
  for (const edit of EDITS) {
    if (!chosen.has(edit)) continue;
    const next = edit.edit(current, context)?.replace(/\s+/g, ' ').trim();
    if (next === undefined || next === current || next === '') continue;
    current = next;
    applied.push(edit.name);
  }
  return { name: current, edits: applied };
}

function editCount(): number {
  const roll = draw.int(1, 100);
  return roll <= 8 ? 0 : roll <= 55 ? 1 : roll <= 87 ? 2 : 3;
}

interface Placed {
  readonly company: Company;
  readonly pax8?: string;
  readonly psa?: string;
  readonly kind: string;
  readonly note: string;
}

function place(): Placed[] {
  const pax8Names = new Set<string>();
  const psaNames = new Set<string>();
  const placed: Placed[] = [];
  for (const company of main.helpers.shuffle(companies)) {
    const roll = draw.int(1, 100);
    const both = company.sibling ? 30 : 70;
    if (roll > both) {
      const pax8Only = roll <= both + (100 - both) / 2;
      (pax8Only ? pax8Names : psaNames).add(company.name);
      placed.push({ company, ...(pax8Only ? { pax8: company.name } : { psa: company.name }), kind: pax8Only ? 'pax8-only' : 'psa-only', note: company.source });
      continue;
    }
    const onPsa = draw.chance(0.75);
    const count = editCount();
    let variant = { name: company.name, edits: [] as string[] };
    for (let attempt = 0; attempt < 10; attempt++) {
      const candidate = applyEdits(company.name, count, contextOf(company));
      const key = keyOf(candidate.name);
      const clash = (key !== company.key && keys.has(key)) || (onPsa ? psaNames : pax8Names).has(candidate.name);
      if (!clash) {
        variant = candidate;
        break;
      }
    }
    const pax8 = onPsa ? company.name : variant.name;
    const psa = onPsa ? variant.name : company.name;
    pax8Names.add(pax8);
    psaNames.add(psa);
    const kind = `${company.source}-${variant.edits.length === 0 ? 'unchanged' : variant.edits.length === 1 ? variant.edits[0] : 'combined'}`;
    placed.push({ company, pax8, psa, kind, note: `${variant.edits.join('+') || 'none'} on ${onPsa ? 'PSA' : 'Pax8'}` });
  }
  return placed;
}

/** Why two different companies are a near miss, or undefined when they are not one. */
function nearMissClass(a: Company, b: Company): string | undefined {
  if (a.family === b.family || a.family === b.key || b.family === a.key) return a.sibling || b.sibling ? `sibling-${a.source}` : undefined;
  if (a.brand === b.brand) return a.source === 'real' && b.source === 'real' ? 'same-first-word' : 'same-first-word-faker';
  if (a.source !== 'real' || b.source !== 'real') return undefined;
  const words = new Set(a.key.split(' ').slice(1));
  return b.key.split(' ').slice(1).some((word) => word.length >= 4 && words.has(word)) ? 'business-words-only' : undefined;
}

function nearMisses(placed: readonly Placed[]): string[] {
  const rows: string[] = [];
  for (const left of placed) {
    if (left.pax8 === undefined) continue;
    for (const right of placed) {
      if (right.psa === undefined || right.company === left.company) continue;
      const kind = nearMissClass(left.company, right.company);
      if (kind) rows.push(`near-miss\t${left.pax8}\t${right.psa}\t${kind}`);
    }
  }
  return rows;
}

addRealCompanies();
addFakerCompanies();
const placed = place();
const pairs = placed.filter((row) => row.pax8 !== undefined && row.psa !== undefined);
const misses = nearMisses(placed);
const lines = [
  `# INDEPENDENT labelled Quick Match set (bench/matcher-independent-build.ts, seed ${seed}; chance ${CHANCE_VERSION}, @faker-js/faker ${FAKER_VERSION}).`,
  '# Names from chance\'s list of real companies and faker\'s company names; committed before Quick Match was evaluated on it. Never tune on it.',
  '# kind<TAB>pax8 name<TAB>psa name<TAB>note. Every row but near-miss, pax8-only and psa-only is a true pair (kind = source-edit, note = edits and the side they were made on).',
  '# near-miss: two different companies whose names are both in the lists (note = why they are alike); they must not be paired.',
  `# ${companies.length} companies, ${pairs.length} true pairs, ${placed.length - pairs.length} on one side only, ${misses.length} near-miss pairs.`,
  ...placed.map((row) => `${row.kind}\t${row.pax8 ?? ''}\t${row.psa ?? ''}\t${row.note}`),
  ...misses,
];
writeFileSync(new URL(`./data/${output}`, import.meta.url), `${lines.join('\n')}\n`);
console.log(`Wrote bench/data/${output}: ${companies.length} companies, ${pairs.length} true pairs, ${misses.length} near-miss pairs.`);
