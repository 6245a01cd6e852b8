/**
 * Realistic synthetic company names for the Quick Match speed bench: two 10k lists where most companies
 * exist on both sides under a variant spelling (legal suffix, case, `&`/and, "The", branch tail, typo).
 * Deterministic: a seeded generator, no Math.random.
 */

/** A small seeded PRNG (mulberry32): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = `smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence sandoval`.split(/\s+/);
const PLACES = `denver austin boston dallas phoenix seattle portland atlanta miami chicago houston tampa orlando raleigh nashville memphis tucson omaha reno boise spokane fresno sacramento oakland irvine pasadena burbank lakewood aurora arvada boulder golden evergreen summit cascade pinnacle keystone harbor bayside riverside lakeside hillside valley meadow prairie canyon mesa ridge frontier pioneer liberty heritage patriot eagle falcon hawk summit alpine coastal northern southern eastern western central metro capital united national american pacific atlantic midwest rocky mountain sunrise sunset redwood oak maple cedar pine willow birch aspen granite iron copper silver golden blue green red crimson`.split(/\s+/);
const COINED = `acme apex zenith vertex nexus axis optima prime vantage quantum vector matrix fusion synergy catalyst insight horizon momentum velocity precision integrity clarity brightpath clearview bluewave greenleaf redline silverline goldstar northstar truenorth keypoint cornerstone bedrock landmark beacon lighthouse compass anchor`.split(/\s+/);
const INDUSTRIES = `dental plumbing law accounting consulting it solutions technologies services construction realty medical clinic pharmacy veterinary roofing electric electrical hvac landscaping insurance financial wealth capital partners group associates holdings ventures logistics transport trucking freight manufacturing engineering architects design marketing media printing auto motors repair cleaning janitorial security staffing healthcare therapy chiropractic orthodontics pediatrics bakery cafe restaurant brewing foods farms nursery school academy church ministries foundation`.split(/\s+/);
const SUFFIXES = ['Inc', 'Inc.', 'LLC', 'L.L.C.', 'Ltd', 'Corp', 'Corporation', 'Co.', 'PLLC', 'LLP', 'PC', 'Group', ''];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function title(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** One realistic company name. */
export function companyName(random: () => number): string {
  const style = random();
  let base: string;
  if (style < 0.3) base = `${title(pick(random, SURNAMES))} ${title(pick(random, INDUSTRIES))}`;
  else if (style < 0.5) base = `${title(pick(random, SURNAMES))} & ${title(pick(random, SURNAMES))} ${title(pick(random, INDUSTRIES))}`;
  else if (style < 0.75) base = `${title(pick(random, PLACES))} ${title(pick(random, INDUSTRIES))} ${title(pick(random, INDUSTRIES))}`;
  else if (style < 0.9) base = `${title(pick(random, COINED))} ${title(pick(random, INDUSTRIES))}`;
  else base = `${title(pick(random, PLACES))} ${title(pick(random, SURNAMES))} ${title(pick(random, INDUSTRIES))}`;
  const suffix = pick(random, SUFFIXES);
  return suffix ? `${base} ${suffix}` : base;
}

/** A variant spelling of `name`, as another system would hold it. */
export function variantOf(random: () => number, name: string): string {
  const kind = random();
  if (kind < 0.2) return name.toUpperCase();
  if (kind < 0.35) return `${name.replace(/\s+(Inc\.?|LLC|L\.L\.C\.|Ltd|Corp|Corporation|Co\.|PLLC|LLP|PC)$/, '')}, ${pick(random, ['Inc.', 'LLC', 'Ltd.'])}`;
  if (kind < 0.45) return name.includes('&') ? name.replace('&', 'and') : `The ${name}`;
  if (kind < 0.55) return `${name} - ${title(pick(random, PLACES))}`;
  if (kind < 0.75) {
    const i = 1 + Math.floor(random() * (name.length - 2));
    return name.slice(0, i) + name.slice(i + 1);
  }
  return name.toLowerCase();
}

/** Two lists of `size` companies each; about `overlap` of them exist on both sides. */
export function companyLists(size: number, seed: number, overlap = 0.7) {
  const random = seededRandom(seed);
  const pax8 = Array.from({ length: size }, (_, i) => ({ id: `pax8-${i}`, name: companyName(random) }));
  const psa = Array.from({ length: size }, (_, i) => ({
    id: `psa-${i}`,
    name: random() < overlap ? variantOf(random, pax8[i]!.name) : companyName(random),
  }));
  return { pax8, psa };
}
