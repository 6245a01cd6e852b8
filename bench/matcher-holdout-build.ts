/**
 * Builds bench/data/matcher-holdout.tsv, a labelled Quick Match set of the project's own held-out generator. It
 * is built by a method other than bench/matcher-quality-build.ts's, and was written and committed before the
 * matcher's scoring was changed for issue #12. It is not independent of the matcher: its first sample was
 * evaluated and prompted the dba rule, and its second sample shares the generator (dba template included).
 * The independent set (bench/matcher-independent-build.ts) takes its names from outside the project. This one:
 *
 * - No hand-written base names: brands are coined from syllables, people's names and places come from
 *   their own international lists, and names are put together from eight templates (coined brand,
 *   surname, two surnames, first + last name, place, initials, place + brand, brand + landscape word),
 *   each with a business descriptor of one to three words.
 * - The PSA spelling of a company comes from a noise model: one to three edits drawn from 14 kinds
 *   (legal suffix, case, "The", descriptor word dropped or added, keyboard typo, space removed or
 *   added, abbreviation with or without a dot, `&`/and, branch tail, "Last, First", diacritics dropped,
 *   apostrophe and hyphen spellings, "dba" prefix).
 * - Near misses are different companies that must not be paired, in five classes of its own: one brand
 *   in different businesses (`Velonta Consulting` / `Velonta Farms`), different brands sharing only
 *   descriptors (`Brixmoor Holdings` / `Quorvel Holdings`), one surname with different first names,
 *   the same brand in different places, and brands one letter apart (only with both true partners
 *   present). About half have their true partners in the lists; the rest are the only candidate.
 * - Many companies exist on one side only.
 *
 * Deterministic. `pnpm exec tsx bench/matcher-holdout-build.ts` writes matcher-holdout.tsv (seed 1207);
 * `… 2 matcher-holdout-2.tsv` writes the second sample (seed 2), drawn and committed after the first sample
 * had been evaluated once and before the dba rule that evaluation prompted (see the matcher README, "Quality"). Do not
 * rebuild them to suit the matcher: a held-out set that follows the algorithm is no longer held out.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from './matcher-speed-names';

const seed = Number(process.argv[2] ?? 1207);
const output = process.argv[3] ?? 'matcher-holdout.tsv';
const random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const ONSETS = ['br', 'k', 'qu', 'v', 'z', 't', 'm', 'n', 'd', 'l', 's', 'gr', 'pl', 'th', 'r', 'c', 'f', 'h', 'j', 'p', 'st', 'tr', 'w', 'x', 'sk', 'dr', 'cl', 'fl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'y', 'io', 'e', 'a', 'o'];
const CODAS = ['n', 'r', 'x', 'l', 'm', 's', 'th', 'v', 'nd', 'rk', 'st', 'nt', '', '', '', ''];

function coined(): string {
  const syllables = 2 + (chance(0.2) ? 1 : 0);
  let word = '';
  for (let k = 0; k < syllables; k++) word += pick(ONSETS) + pick(VOWELS) + (k === syllables - 1 || chance(0.15) ? pick(CODAS) : '');
  return title(word);
}

const FIRST = `Marisol Daniel Priya Kwame Ingrid Tomasz Haruto Aisha Mateo Fiona Oluwaseun Bjorn Chloé Rafael Mei Siobhan Dmitri Leila Nikolai Yusuf Camila Anders Zainab Ravi Elif Gustavo Hana Piotr Amara Soren Lucía Kenji Nadia Tobias Ayesha Emeka Sakura Joaquín Freya Arjun`.split(' ');
const LAST = `Okafor Lindqvist Nakamura Castellanos O'Sullivan Kowalski Haddad Novak Sørensen Petrov Delgado Abernathy Whitcombe Oyelaran Brennan Takahashi Moreau Schäfer Quintero Ishikawa Rasmussen Adeyemi Kaur Jovanović Bergström MacLeod Yilmaz Fairweather Ashworth Okonkwo Villanueva Lachance Hargreaves Thorsen Mahlangu Ferreira Dubois Kensington-Hale Vasquez Halvorsen Obi Marchetti`.split(' ');
const PLACES = `Tromsø Kraków Nagoya Halifax Tacoma Duluth Savannah Asheville Galway Ghent Porto Leeds Dundee Wollongong Hamilton Laramie Bozeman Yakima Provo Mankato Keene Winnipeg Saskatoon Geelong Ballarat Cork Bergen Malmö Aarhus Lyon Nantes Bilbao Cádiz Tucumán Oaxaca Monterey Flagler Cheyenne Missoula Kalamazoo`.split(' ');
const LANDSCAPE = ['Ridge', 'Hollow', 'Point', 'Bluff', 'Crossing', 'Harbour', 'Glen', 'Fjord', 'Summit', 'Reach', 'Heights', 'Landing'];
const DESCRIPTORS = `Dental Studio|Veterinary Partners|Physical Therapy|Property Management|Wealth Advisors|Heating & Cooling|Landscape Design|Tax & Accounting|IT Services|Managed Services|Cybersecurity|Logistics|Freight Lines|Construction|Architects|Engineering|Law Group|Legal Services|Insurance Brokers|Realty|Holdings|Partners|Capital|Ventures|Consulting|Farms|Vineyards|Bakery|Brewing|Coffee Roasters|Dermatology|Pediatric Dentistry|Orthodontics|Chiropractic|Medical Group|Home Health|Staffing|Recruiting|Marketing|Media|Printing|Signs|Auto Repair|Collision Center|Marine|Aviation|Solar|Electric|Plumbing|Roofing|Flooring|Cabinetry|Millwork|Machine Shop|Fabrication|Foods|Catering|Events|Academy|Montessori|Learning Center|Church|Foundation|Credit Union|Title Agency|Mortgage|Appraisal|Inspection Services|Pest Control|Pool & Spa|Fitness|Yoga Studio|Salon|Day Spa|Funeral Home|Kennels|Equestrian Center|Garden Nursery|Development|Associates|Environmental Services|Properties`.split('|');
const PERSONAL = ['CPA', 'DDS', 'MD', 'Law Office', 'Dental Studio', 'Consulting', 'Photography', 'Physical Therapy', 'Design', 'Counseling'];

/** Abbreviations a PSA user might type, with and without the dot; some the normaliser knows, most it does not. */
const ABBREVIATIONS: Record<string, string[]> = {
  Logistics: ['Log.', 'Logist.'], Management: ['Mgmt', 'Mgmt.', 'Mgt'], Services: ['Svcs', 'Svcs.', 'Serv.', 'Srvs'],
  Associates: ['Assoc.', 'Assocs'], Engineering: ['Eng.', 'Engrg'], Construction: ['Const.', 'Constr', 'Cnstr'],
  Marketing: ['Mktg', 'Mkt.'], Accounting: ['Acctg', 'Acct.'], Development: ['Dev.', 'Devel'], Insurance: ['Ins.', 'Ins'],
  Properties: ['Props', 'Prop.'], Veterinary: ['Vet', 'Vet.'], Medical: ['Med.', 'Med'], Pediatric: ['Peds', 'Ped.'],
  Environmental: ['Env.', 'Envtl'], Brokers: ['Brkrs', 'Brok.'], Advisors: ['Advs', 'Adv.'], Fabrication: ['Fab', 'Fab.'],
  Architects: ['Archts', 'Arch.'], Partners: ['Ptnrs', 'Prtnrs'], Center: ['Ctr', 'Cntr'], Academy: ['Acad.', 'Acad'],
  Dentistry: ['Dent.', 'Dentstry'], Physical: ['Phys.', 'Phys'], Therapy: ['Ther.', 'Thpy'], International: ['Intl', "Int'l"],
  Consulting: ['Cnsltg', 'Consult.'], Recruiting: ['Recruit.', 'Rctg'], Cybersecurity: ['Cyber Sec', 'CyberSec'],
  Printing: ['Ptg', 'Print.'], Equestrian: ['Equest.', 'Eqstrn'], Orthodontics: ['Ortho', 'Orthod.'],
};
const SUFFIXES = ['Inc', 'Inc.', ', Inc.', 'LLC', ', LLC', 'Ltd', 'Ltd.', 'Limited', 'Corp.', 'Co.', 'PLLC', 'LLP', 'P.A.', 'PC', 'GmbH', 'AG', 'AB', 'AS', 'ApS', 'Oy', 'S.L.', 'S.A.S.', 'B.V.', 'Pty Ltd', 'Pte. Ltd.', 'S.R.L.', 'Sp. z o.o.', 'ULC', 'LP', 'N.V.'];
const ADDED = ['Group', 'Services', '& Associates', 'Solutions', 'Company', 'Partners', 'International', 'of Colorado', 'USA'];
const TAILS = [' - Main', ' (HQ)', ' - Billing', ' (closed)', ' [legacy]', ' - Tacoma Branch', ' | North', ' (2nd location)', ' - DO NOT USE', ' (acct 4471)'];
const KEYBOARD: Record<string, string> = {
  a: 'qsz', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k', m: 'n',
  n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'x',
};

interface Company {
  readonly name: string;
  /** The business descriptor, so near misses can swap it. */
  readonly descriptor: string;
  /** The brand part (everything before the descriptor). */
  readonly brand: string;
  readonly template: string;
}

function initials(): string {
  const length = 2 + Math.floor(random() * 3);
  return Array.from({ length }, () => pick([...'ABCDEFGHJKLMNPRSTVW'])).join('');
}

function baseCompany(): Company {
  const template = pick(['coined', 'coined', 'surname', 'two-surnames', 'person', 'place', 'initials', 'place-brand', 'brand-landscape']);
  let brand: string;
  let descriptor = pick(DESCRIPTORS);
  switch (template) {
    case 'coined':
      brand = coined();
      break;
    case 'surname':
      brand = pick(LAST);
      break;
    case 'two-surnames': {
      const a = pick(LAST);
      let b = pick(LAST);
      while (b === a) b = pick(LAST);
      brand = `${a} ${chance(0.6) ? '&' : 'and'} ${b}`;
      break;
    }
    case 'person':
      brand = `${pick(FIRST)} ${pick(LAST)}`;
      descriptor = pick(PERSONAL);
      break;
    case 'place':
      brand = pick(PLACES);
      break;
    case 'initials':
      brand = initials();
      break;
    case 'place-brand':
      brand = `${pick(PLACES)} ${coined()}`;
      break;
    default:
      brand = `${coined()} ${pick(LANDSCAPE)}`;
  }
  return { name: `${brand} ${descriptor}`, descriptor, brand, template };
}

function typo(word: string): string {
  if (word.length < 4) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  const ch = word[at]!.toLowerCase();
  const kind = random();
  if (kind < 0.3 && KEYBOARD[ch]) return word.slice(0, at) + pick([...KEYBOARD[ch]!]) + word.slice(at + 1);
  if (kind < 0.55) return word.slice(0, at) + word.slice(at + 1);
  if (kind < 0.75) return word.slice(0, at) + word[at] + word.slice(at);
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

const stripDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ø/g, 'o').replace(/Ø/g, 'O');

/** One edit of the noise model; returns the edited name and the edit's kind. */
function edit(company: Company, name: string): [string, string] {
  const words = name.split(' ');
  const kind = pick(['suffix', 'suffix', 'case', 'the', 'drop-word', 'add-word', 'typo', 'typo', 'space', 'abbreviation', 'abbreviation', 'ampersand', 'tail', 'diacritics', 'punctuation']);
  switch (kind) {
    case 'suffix':
      return [`${name.replace(/,? (Inc\.?|LLC|Ltd\.?|Corp\.)$/, '')}${((s) => (s.startsWith(',') ? s : ` ${s}`))(pick(SUFFIXES))}`, kind];
    case 'case':
      return [chance(0.5) ? name.toUpperCase() : name.toLowerCase(), kind];
    case 'the':
      return [chance(0.7) ? `The ${name}` : `${name}, The`, kind];
    case 'drop-word': {
      const descriptorWords = company.descriptor.split(' ').filter((w) => w !== '&');
      if (descriptorWords.length < 2) return [name, 'none'];
      return [name.replace(` ${descriptorWords.at(-1)!}`, '').replace(/ &$/, ''), kind];
    }
    case 'add-word':
      return [`${name} ${pick(ADDED)}`, kind];
    case 'typo': {
      const candidates = words.map((w, i) => (w.length >= 4 ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) return [name, 'none'];
      const at = pick(candidates);
      return [words.map((w, i) => (i === at ? typo(w) : w)).join(' '), kind];
    }
    case 'space': {
      if (words.length >= 2 && chance(0.6)) {
        const at = Math.floor(random() * (words.length - 1));
        if (words[at] === '&' || words[at + 1] === '&') return [name, 'none'];
        return [[...words.slice(0, at), words[at]! + words[at + 1]!, ...words.slice(at + 2)].join(' '), kind];
      }
      const long = words.findIndex((w) => w.length >= 8);
      if (long < 0) return [name, 'none'];
      const w = words[long]!;
      const cut = 3 + Math.floor(random() * (w.length - 6));
      return [words.map((x, i) => (i === long ? `${w.slice(0, cut)} ${title(w.slice(cut))}` : x)).join(' '), kind];
    }
    case 'abbreviation': {
      const at = words.findIndex((w) => ABBREVIATIONS[w]);
      if (at < 0) return [name, 'none'];
      return [words.map((w, i) => (i === at ? pick(ABBREVIATIONS[w]!) : w)).join(' '), kind];
    }
    case 'ampersand':
      if (name.includes(' & ')) return [name.replace(' & ', chance(0.5) ? ' and ' : '&'), kind];
      if (name.includes(' and ')) return [name.replace(' and ', ' & '), kind];
      return [name, 'none'];
    case 'tail':
      return [name + pick(TAILS), kind];
    case 'diacritics':
      return stripDiacritics(name) === name ? [name, 'none'] : [stripDiacritics(name), kind];
    default:
      if (name.includes("'")) return [name.replace("'", chance(0.5) ? '' : ' '), kind];
      if (name.includes('-')) return [name.replace('-', ' '), kind];
      return [name, 'none'];
  }
}

/** The PSA spelling of a company: one to three edits of the noise model; the category is the edits made. */
function psaSpelling(company: Company): [string, string] {
  let name = company.name;
  if (company.template === 'person' && chance(0.25)) {
    const [first, ...rest] = company.brand.split(' ');
    return [`${rest.join(' ')}, ${first} ${company.descriptor}`, 'last-first'];
  }
  if (chance(0.02)) return [`${pick(LAST)} Holdings LLC dba ${name}`, 'dba'];
  const kinds: string[] = [];
  const edits = 1 + (chance(0.45) ? 1 : 0) + (chance(0.2) ? 1 : 0);
  for (let k = 0; k < edits; k++) {
    const [next, kind] = edit(company, name);
    if (kind === 'none') continue;
    name = next;
    kinds.push(kind);
  }
  if (kinds.length === 0) return [name, 'identical'];
  return [name, kinds.length === 1 ? kinds[0]! : 'combined'];
}

/** The Pax8 spelling: usually the registered name, sometimes with a legal suffix or in capitals. */
function pax8Spelling(company: Company): string {
  const r = random();
  if (r < 0.45) return `${company.name} ${pick(['Inc.', 'LLC', 'Ltd', 'Pty Ltd', 'GmbH', 'LLP', 'Corp'])}`;
  if (r < 0.55) return company.name.toUpperCase();
  return company.name;
}

const used = new Set<string>();
const usedBrands = new Set<string>();
function freshCompany(): Company {
  for (;;) {
    const company = baseCompany();
    const key = company.brand.toLowerCase();
    if (usedBrands.has(key) || used.has(company.name.toLowerCase())) continue;
    usedBrands.add(key);
    used.add(company.name.toLowerCase());
    return company;
  }
}
function withDescriptor(company: Company, descriptor: string): Company {
  const next = { ...company, descriptor, name: `${company.brand} ${descriptor}` };
  used.add(next.name.toLowerCase());
  return next;
}
function otherDescriptor(company: Company): string {
  const own = new Set(company.descriptor.toLowerCase().split(' '));
  for (;;) {
    const descriptor = pick(company.template === 'person' ? PERSONAL : DESCRIPTORS);
    if (descriptor.toLowerCase().split(' ').some((w) => own.has(w) && w !== '&')) continue;
    if (!used.has(`${company.brand} ${descriptor}`.toLowerCase())) return descriptor;
  }
}
function oneLetterOff(brand: string): string {
  const at = 1 + Math.floor(random() * (brand.length - 2));
  const vowels = 'aeiou';
  const ch = brand[at]!;
  const swap = vowels.includes(ch) ? pick([...vowels.replace(ch, '')]) : pick([...'bdklmnrst'.replace(ch, '')]);
  return brand.slice(0, at) + swap + brand.slice(at + 1);
}

const rows: string[][] = [];
const truePair = (company: Company) => {
  const [psa, category] = psaSpelling(company);
  rows.push([category, pax8Spelling(company), psa]);
};

// True pairs.
for (let k = 0; k < 230; k++) truePair(freshCompany());

// Near misses: [class, Pax8 company, PSA company]; with partners, each also appears on the other side.
const nearMisses: [string, Company, Company][] = [];
for (let k = 0; k < 26; k++) {
  const company = freshCompany();
  nearMisses.push(['same-brand-other-business', company, withDescriptor(company, otherDescriptor(company))]);
}
for (let k = 0; k < 22; k++) {
  const a = freshCompany();
  let b = freshCompany();
  while (b.template === 'person') b = freshCompany();
  nearMisses.push(['shared-descriptor-only', a, withDescriptor(b, a.template === 'person' ? pick(DESCRIPTORS) : a.descriptor)]);
}
for (let k = 0; k < 8; k++) {
  const last = pick(LAST);
  const descriptor = pick(PERSONAL);
  const [f1, f2] = [pick(FIRST), pick(FIRST)];
  if (f1 === f2 || used.has(`${f1} ${last} ${descriptor}`.toLowerCase()) || used.has(`${f2} ${last} ${descriptor}`.toLowerCase())) continue;
  const make = (first: string): Company => {
    const brand = `${first} ${last}`;
    used.add(`${brand} ${descriptor}`.toLowerCase());
    return { name: `${brand} ${descriptor}`, brand, descriptor, template: 'person' };
  };
  nearMisses.push(['same-surname', make(f1), make(f2)]);
}
for (let k = 0; k < 10; k++) {
  const brand = coined();
  const descriptor = pick(DESCRIPTORS);
  const [p1, p2] = [pick(PLACES), pick(PLACES)];
  if (p1 === p2 || usedBrands.has(brand.toLowerCase())) continue;
  usedBrands.add(brand.toLowerCase());
  const make = (place: string): Company => {
    const full = `${brand} ${place}`;
    used.add(`${full} ${descriptor}`.toLowerCase());
    return { name: `${full} ${descriptor}`, brand: full, descriptor, template: 'place-brand' };
  };
  nearMisses.push(['same-brand-other-place', make(p1), make(p2)]);
}
for (let k = 0; k < 10; k++) {
  const a = freshCompany();
  if (a.template !== 'coined') continue;
  const brand = oneLetterOff(a.brand);
  if (usedBrands.has(brand.toLowerCase())) continue;
  usedBrands.add(brand.toLowerCase());
  const b: Company = { ...a, brand, name: `${brand} ${a.descriptor}` };
  used.add(b.name.toLowerCase());
  nearMisses.push(['one-letter-brand', a, b]);
}
nearMisses.forEach(([, a, b], k) => {
  const pax8 = pax8Spelling(a);
  const psa = psaSpelling(b)[0];
  rows.push(['near-miss', pax8, psa]);
  // Brands one letter apart are only fair to ask about when both true partners are present.
  const withPartners = nearMisses[k]![0] === 'one-letter-brand' || k % 2 === 0;
  if (withPartners) {
    rows.push(['near-miss-partner', pax8, psaSpelling(a)[0]]);
    rows.push(['near-miss-partner', pax8Spelling(b), psa]);
  }
});

// Companies on one side only.
for (let k = 0; k < 45; k++) rows.push(['pax8-only', pax8Spelling(freshCompany()), '']);
for (let k = 0; k < 45; k++) rows.push(['psa-only', '', psaSpelling(freshCompany())[0]]);

// A name must not appear twice on a side for two different companies (the loader keys companies by name).
const seen = [new Map<string, string>(), new Map<string, string>()];
const kept = rows.filter((row) => {
  for (const side of [0, 1]) {
    const name = row[side + 1]!;
    if (name === '') continue;
    const other = seen[side]!.get(name);
    const role = row[0] === 'near-miss' || row[0] === 'near-miss-partner' ? 'shared' : 'own';
    if (other !== undefined && (role === 'own' || other === 'own')) return false;
  }
  for (const side of [0, 1]) {
    const name = row[side + 1]!;
    if (name !== '') seen[side]!.set(name, row[0] === 'near-miss' || row[0] === 'near-miss-partner' ? 'shared' : 'own');
  }
  return true;
});

const header = [
  `# HELD-OUT labelled Quick Match set (built by bench/matcher-holdout-build.ts, seed ${seed}; never tune the matcher on it).`,
  '# kind<TAB>pax8 name<TAB>psa name. Every row but near-miss, pax8-only and psa-only is a true pair (kind = the edits made).',
  '# near-miss: two different companies (both names are in the lists; they must not be paired).',
  '# near-miss-partner: the true partner of a near-miss company. pax8-only / psa-only: on one side only.',
];
writeFileSync(new URL(`./data/${output}`, import.meta.url), `${[...header, ...kept.map((row) => row.join('\t'))].join('\n')}\n`);
const pairs = kept.filter((r) => !['near-miss', 'pax8-only', 'psa-only'].includes(r[0]!)).length;
console.log(`wrote ${kept.length} rows (${pairs} true pairs, ${kept.filter((r) => r[0] === 'near-miss').length} near misses)`);
