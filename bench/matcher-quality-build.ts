/**
 * Builds bench/data/matcher-labelled.tsv, the labelled Quick Match set: realistic pairs of one company as
 * Pax8 and as the PSA hold it, by category, plus near-misses that must not be paired and companies that
 * exist on one side only. Deterministic (seeded). Run: `pnpm exec tsx bench/matcher-quality-build.ts`.
 * The TSV is committed; rebuild it only to change the set, and review the diff.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from './matcher-speed-names';

const BASES = `
Abbott Family Dentistry|Acorn Landscaping|Adams Tax Service|Advanced Spine Center|Aegis Security Consulting|Allied Roofing Contractors
Alpine Veterinary Hospital|Amber Road Logistics|Anchor Point Marina|Apex Legal Group|Applewood Senior Living|Archway Property Management
Arrowhead Pediatrics|Aspen Grove Dental|Atlas Steel Fabrication|Aurora Family Medicine|Avalon Travel Agency|Azure Pool Services
Badger State Plumbing|Baker Street Bakery|Bayview Orthodontics|Beacon Hill Financial|Bear Creek Brewing|Bellwether Consulting
Benchmark Engineering|Birchwood Apartments|Black Diamond Excavating|Blue Heron Yoga|Bluebonnet Home Health|Bonanza Auto Sales
Boulder Creek Dermatology|Bradford Insurance Agency|Brick Oven Pizzeria|Bridgewater Animal Clinic|Brightside Learning Center|Broadway Dance Academy
Brookside Chiropractic|Buckeye Electric|Burlington Title Company|Cactus Flower Florist|Calloway Architecture|Cambridge Tutoring
Camden Sports Medicine|Canyon Ridge Golf Club|Capitol City Printing|Cardinal Heating and Air|Carlisle Family Law|Cascade Mountain Outfitters
Castle Rock Storage|Cedar Valley Church|Centennial Appraisals|Chamberlain Wealth Advisors|Charter Oak Realty|Chesapeake Marine Supply
Chestnut Hill Veterinary|Cimarron Trucking|Citadel Data Recovery|Clearwater Pool Supply|Clover Leaf Nursery|Coastal Carolina Surveying
Cobblestone Builders|Columbia Physical Therapy|Commonwealth Pharmacy|Compass Rose Counseling|Copper Kettle Catering|Coral Reef Aquariums
Cornerstone Baptist Church|Cottonwood Medical Clinic|Cresthaven Assisted Living|Crossroads Auto Repair|Crystal Lake Optometry|Cypress Creek Vineyards
Dakota Grain Cooperative|Darby Creek Kennels|Deer Park Pharmacy|Delta Valley Farms|Desert Sun Solar|Diamond Head Surf Shop
Dogwood Family Practice|Dolphin Bay Charters|Dover Street Cleaners|Driftwood Interiors|Dunmore Accounting|Eagle Ridge Construction
East Bay Ophthalmology|Eastwood Insurance|Edgewater Marina|Elm Street Dental|Emerald Coast Realty|Empire Staffing Solutions
Evergreen Tree Care|Fairfield Family Medicine|Fairway Mortgage|Falcon Crest Security|Fernwood Academy|Fieldstone Masonry
Firefly Photography|Flagstaff Outdoor Gear|Foothills Animal Hospital|Forest Hills Pediatrics|Fox Run Equestrian Center|Franklin Street Bistro
Freedom Home Care|Frontier Trailer Sales|Gables Home Inspection|Galaxy Tattoo Studio|Garden State Paving|Gateway Immigration Law
Gemstone Jewelers|Glacier Bay Seafood|Golden Gate Tile|Good Shepherd Hospice|Grand Valley Vision|Granite State Builders
Great Plains Ag Supply|Green Mountain Coffee Roasters|Greenfield Elementary PTO|Greystone Capital Partners|Hamilton Heating|Harbor Lights Counseling
Hartford Orthopedics|Harvest Moon Farm|Hawthorne Hearing Center|Heartland Dialysis|Heritage Oak Furniture|Hickory Smokehouse BBQ
Highland Park Podiatry|Hilltop Veterinary|Holloway Funeral Home|Homestead Title|Horizon Wealth Management|Hudson Valley Cardiology
Iron Horse Saloon|Ironwood Custom Homes|Island Breeze Rentals|Ivy League Tutoring|Jackson Hole Guides|Jade Garden Restaurant
Jefferson Street Pharmacy|Juniper Hills Winery|Kensington Dental Arts|Keystone Environmental|Kingfisher Aviation|Lakeshore Rehabilitation
Lakeview Golf Course|Lancaster County Feed|Laurel Canyon Studios|Liberty Bell Moving|Lighthouse Christian Academy|Lincoln Park Zoo Society
Lionheart Martial Arts|Lone Star Welding|Longhorn Steakhouse Catering|Magnolia Bridal|Main Street Hardware|Majestic Limousine
Maple Leaf Daycare|Mariner Boat Works|Marquette Law Office|Mayflower Cleaning|Meadowbrook Country Club|Mesa Verde Imaging
Midtown Urgent Care|Mission Hills Mortuary|Monarch Butterfly Preschool|Montclair Eye Care|Moonlight Cinema|Mountain View Electric
Mustang Auto Body|Nautilus Fitness|New Horizons Counseling|Nightingale Nursing|North Star Aviation|Northwind Traders
Oak Hollow Farms|Oakmont Surgical Center|Ocean Crest Dental|Old Town Brewery|Olympic Fence|Orchard Park Apartments
Osprey Point Marina|Pacific Rim Imports|Palisades Tennis Club|Palm Coast Pest Control|Paramount Roofing|Park Avenue Salon
Peachtree Endodontics|Pelican Bay Fisheries|Peninsula Plastic Surgery|Pine Ridge Lumber|Pioneer Valley Credit Union|Plaza Dry Cleaning
Polaris Drone Services|Prairie Wind Energy|Prestige Auto Detailing|Primrose Tea Room|Quail Run Apartments|Quarry Stone Supply
Rainbow Child Care|Ranch House Kitchen|Raven Rock Outfitters|Red Barn Antiques|Redwood Credit Services|Regal Beauty Supply
Ridgeview Medical Group|Riverbend Veterinary|Roadrunner Courier|Rolling Hills Vineyard|Rosewood Manor|Royal Palm Resort
Saddleback Equine Clinic|Sagebrush Cantina|Salt Creek Brewing|Sandstone Psychology|Sapphire Pools|Sawtooth Mountain Guides
Seaside Family Dental|Sequoia Financial Planning|Shady Grove Nursery|Shamrock Plumbing|Shoreline Surveyors|Sierra Nevada Tours
Silver Creek Dental|Skyline Window Cleaning|Snowbird Ski Rentals|Sonoma Valley Cheese|Southern Comfort Heating|Spring Valley Orchards
Spruce Street Pediatrics|Stagecoach Storage|Starlight Pediatric Therapy|Sterling Audit Partners|Stonebridge Capital|Sugar Maple Bakery
Summit Peak Orthodontics|Sunflower Home Health|Sunnyside Cleaners|Sunset Ridge Kennels|Sycamore Family Practice|Tall Pines Campground
Thistle Creek Distillery|Thunderbird Motors|Timberline Log Homes|Topaz Property Group|Tranquil Waters Spa|Trident Marine Electronics
Trinity Lutheran Church|Tuscany Tile and Stone|Twin Oaks Veterinary|Union Station Grill|Valley Forge Upholstery|Vanguard Print Shop
Victory Lane Karting|Village Green Pharmacy|Vineyard Vision Center|Walnut Creek Endodontics|Waterford Crystal Dental|Wellspring Acupuncture
Westbrook Animal Hospital|Westfield Tire|Whispering Pines Resort|White Oak Pediatric Dentistry|Wildflower Massage|Willow Creek Pharmacy
Windmill Farms|Winterhaven Senior Care|Wolf Creek Ranch|Woodland Hills Urology|Yellowstone Gateway Realty|Zephyr Cycles
`.trim().split(/[|\n]/).map((name) => name.trim()).filter(Boolean);

/** Pairs whose PSA spelling needs judgment, written out: [category, Pax8 name, PSA name]. */
const WRITTEN: [string, string, string][] = [
  ['abbreviation', 'International Freight Services Inc', 'Intl Freight Svcs'],
  ['abbreviation', 'Johnson Brothers Roofing', 'Johnson Bros Roofing'],
  ['abbreviation', 'Pacific Management Associates', 'Pacific Mgmt Assoc'],
  ['abbreviation', 'Keller Manufacturing Co', 'Keller Mfg'],
  ['abbreviation', 'Oakdale Medical Center', 'Oakdale Medical Ctr'],
  ['abbreviation', 'National Title Services', 'Natl Title Svcs LLC'],
  ['abbreviation', 'Quantum Technology Partners', 'Quantum Tech Partners'],
  ['abbreviation', 'Sterling Laboratories', 'Sterling Labs'],
  ['abbreviation', 'A.B.C. Plumbing', 'ABC Plumbing Inc'],
  ['abbreviation', 'J.R. Miller Trucking', 'JR Miller Trucking'],
  ['abbreviation', 'T.J. Maxwell Insurance', 'TJ Maxwell Insurance Agency'],
  ['abbreviation', 'D.C. Metro Electric', 'DC Metro Electric LLC'],
  ['abbreviation', 'U.S. Fence Company', 'US Fence Co'],
  ['abbreviation', 'Carver Information Systems', 'Carver Info Sys'],
  ['abbreviation', 'Atlantic Engineering Group', 'Atlantic Engineering Grp'],
  ['abbreviation', 'Saint Mary Parish Council', 'St Mary Parish Council'],
  ['abbreviation', 'Mount Hope Cemetery Association', 'Mt Hope Cemetery Assn'],
  ['abbreviation', 'Westside Department Store', 'Westside Dept Store'],
  ['abbreviation', 'Coleman Accounting Services', 'Coleman Acct Services'],
  ['abbreviation', 'Riverside Holdings', 'Riverside Hldgs Inc'],
  ['unicode', 'Café Rouge', 'Cafe Rouge LLC'],
  ['unicode', 'Müller Bäckerei GmbH', 'Muller Backerei'],
  ['unicode', 'Société Générale Conseil', 'Societe Generale Conseil SA'],
  ['unicode', 'Øresund Shipping A/S', 'Oresund Shipping'],
  ['unicode', 'Straßburg Consulting', 'Strassburg Consulting'],
  ['unicode', 'Łódź Imports', 'Lodz Imports Sp. z o.o.'],
  ['unicode', 'Crème de la Crème Patisserie', 'Creme de la Creme Patisserie'],
  ['unicode', 'Niño Pediatric Clinic', 'Nino Pediatric Clinic'],
  ['unicode', 'Ångström Optics AB', 'Angstrom Optics'],
  ['unicode', 'São Paulo Grill', 'Sao Paulo Grill'],
  ['unicode', 'Zürich Re Advisors AG', 'Zurich Re Advisors'],
  ['unicode', 'Ｔｏｋｙｏ Ｓｕｓｈｉ', 'Tokyo Sushi'],
  ['punctuation', "O'Brien & Sons Electric", 'OBrien and Sons Electric'],
  ['punctuation', "McDonald's Towing", 'McDonalds Towing'],
  ['punctuation', 'Smith-Jones Law Firm', 'Smith Jones Law Firm'],
  ['punctuation', 'Hart, Hale & Hughes, LLP', 'Hart Hale and Hughes'],
  ['punctuation', 'A-1 Appliance Repair', 'A1 Appliance Repair'],
  ['punctuation', 'Top-Notch Painting, Inc.', 'Top Notch Painting'],
  ['punctuation', "Lowe's Garden Center", 'Lowes Garden Center'],
  ['punctuation', 'Bed/Breakfast Inn at Elm', 'Bed Breakfast Inn at Elm'],
  ['punctuation', 'St. Luke\u2019s Clinic', "St Luke's Clinic"],
  ['punctuation', '24/7 Locksmith', '24-7 Locksmith LLC'],
  ['branch', 'Precision Dental Lab', 'Precision Dental Lab - Denver'],
  ['branch', 'Harmon Heating', 'Harmon Heating (Old)'],
  ['branch', 'Greenway Landscapes', 'Greenway Landscapes - Main Office'],
  ['branch', 'Bluewater Insurance', 'Bluewater Insurance (DO NOT USE)'],
  ['branch', 'Pinecrest Academy', 'Pinecrest Academy – North Campus'],
  ['branch', 'Carson Legal LLP', 'Carson Legal [Inactive]'],
  ['branch', 'Vertex Physical Therapy', 'Vertex Physical Therapy | Austin'],
  ['branch', 'Redstone Realty', 'Redstone Realty (2019)'],
  ['branch', 'Mercer Orthodontics', 'Mercer Orthodontics - Westside'],
  ['branch', 'Holt Engineering', 'Holt Engineering (billing)'],
  ['extra-word', 'Dawson Plumbing', 'Dawson Plumbing & Heating'],
  ['extra-word', 'Garner Dental', 'Garner Dental Group'],
  ['extra-word', 'Whitfield Insurance', 'Whitfield Insurance Agency'],
  ['extra-word', 'Ellison Law', 'Ellison Law Office'],
  ['extra-word', 'Tanner Veterinary', 'Tanner Veterinary Clinic'],
  ['extra-word', 'Brightwater Church', 'Brightwater Community Church'],
  ['extra-word', 'Pruitt CPA', 'Pruitt CPA Firm'],
  ['extra-word', 'Kimball Realty', 'Kimball Realty Group'],
  ['ampersand', 'Barnes & Noble Tutoring', 'Barnes and Noble Tutoring'],
  ['ampersand', 'Pratt and Whitley Legal', 'Pratt & Whitley Legal'],
  ['ampersand', 'Salt & Pepper Catering', 'Salt and Pepper Catering LLC'],
  ['ampersand', 'Black & Decker Home Services', 'Black and Decker Home Services'],
  ['ampersand', 'Ernst and Young Tax Club', 'Ernst & Young Tax Club'],
  ['ampersand', 'Johnson&Johnson Realty', 'Johnson and Johnson Realty'],
  ['ampersand', 'Crate & Barrel Movers', 'CRATE AND BARREL MOVERS'],
  ['ampersand', 'Bread & Butter Bakery', 'Bread and Butter Bakery Inc'],
  ['ampersand', 'Sons and Daughters Funeral Home', 'Sons & Daughters Funeral Home'],
  ['ampersand', 'Fish & Wildlife Outfitters', 'Fish and Wildlife Outfitters'],
  // Spellings no normalisation rule covers (abbreviations and legal forms outside the tables): the
  // score must carry them, so the set is not only what the normaliser was written for.
  ['untuned', 'Riverbank Construction Inc', 'Riverbank Constr'],
  ['untuned', 'Hometown Insurance Agency', 'Hometown Ins Agcy'],
  ['untuned', 'Bayside Medical Associates', 'Bayside Med Assoc'],
  ['untuned', 'Prairie Enterprises LLC', 'Prairie Ent.'],
  ['untuned', 'Lakeland Distribution Co', 'Lakeland Dist Co'],
  ['untuned', 'Kessler Builders', 'Kessler Bldrs'],
  ['untuned', 'Morrison & Hale, Chartered', 'Morrison and Hale Chtd'],
  ['untuned', 'Greene Law Group, S.C.', 'Greene Law Group SC'],
  ['untuned', 'Valley Memorial Hospital', 'Valley Memorial Hosp'],
  ['untuned', 'Northgate Community Church', 'Northgate Comm Church'],
  ['untuned', 'Peak Performance Physical Therapy', 'Peak Performance PT'],
  ['untuned', 'Southern Tier Realty, L3C', 'Southern Tier Realty'],
  ['untuned', 'Franklin Veterinary Hospital', 'Franklin Vet Hosp'],
  ['untuned', 'Westview Elementary School', 'Westview Elem School'],
  ['untuned', 'Christensen Financial Group', 'Christensen Finl Group'],
  ['untuned', 'Harborview Property Management', 'Harborview Prop Mgmt'],
  ['untuned', 'Eagle Transport Solutions', 'Eagle Transport Sol.'],
  ['untuned', 'Quincy Family Chiropractic', 'Quincy Family Chiro'],
  ['branch', 'Eagan Orthopedics', 'Eagan Orthopedics - Eagan Clinic'],
  ['branch', 'Lakes Region Dental', 'Lakes Region Dental (old account)'],
  ['branch', 'Pine Valley Insurance', 'Pine Valley Insurance – DO NOT USE'],
  ['branch', 'Cornell Accounting', 'Cornell Accounting (Billing Only)'],
  ['branch', 'Red River Grain', 'Red River Grain - Fargo, ND'],
  ['ampersand', 'Hale & Hearty Foods', 'Hale and Hearty Foods'],
  ['ampersand', 'Baxter and Stone Architects', 'BAXTER & STONE ARCHITECTS'],
  ['typo', 'Wexford Senior Apartments Inc', 'Wexfrod Senior Apartments'],
  ['typo', 'Maplewood Orthodontics', 'Mapelwood Orthodontic'],
  // Hard on purpose: acronyms, reordered or renamed words. A name-only matcher is expected to miss some.
  ['hard', 'IBM Consulting Services', 'International Business Machines Consulting'],
  ['hard', 'AAA Plumbing', 'Triple A Plumbing'],
  ['hard', 'Rajesh Patel MD', "Dr. Patel's Office"],
  ['hard', 'BCBS of Texas Agency', 'Blue Cross Blue Shield Texas Agency'],
  ['hard', 'Law Offices of Maria Gomez', 'Gomez Law'],
  ['hard', 'City of Brookfield', 'Brookfield City Hall'],
  ['hard', 'Saint Joseph Catholic School', 'St. Joseph School'],
  ['hard', 'Kaplan Orthodontic Specialists', 'Kaplan Ortho'],
  ['mixed', 'The Hartley & Moss Company', 'HARTLEY AND MOSS CO - BOSTON'],
  ['mixed', 'Westgate Family Dentistry, P.C.', 'westgate family dentistry'],
  ['mixed', 'The Lindqvist Group AB', 'Lindqvist Grp'],
  ['mixed', 'Rivera & Ruiz Accounting Services, LLC', 'Rivera and Ruiz Acct Svcs'],
  ['mixed', 'North Shore Orthopaedics, Ltd.', 'NORTH SHORE ORTHOPEDICS'],
  ['mixed', 'The Corner Café', 'Corner Cafe Inc (Old)'],
  ['mixed', 'McAllister Bros. Construction Co.', 'Mcallister Brothers Construction'],
  ['mixed', 'Grace & Mercy Ministries, Inc.', 'Grace and Mercy Ministry'],
];

/**
 * Different companies with similar names. Each row: [Pax8 name, PSA name, the PSA spelling of the Pax8
 * company, the Pax8 spelling of the PSA company]. The near-miss pair must not be suggested; the true
 * partners ('' when the company is on one side only) are what the one-to-one assignment should prefer.
 */
const NEAR_MISSES: [string, string, string, string][] = [
  ['Northside Pediatrics', 'Southside Pediatrics LLC', 'Northside Pediatrics PC', 'Southside Pediatrics'],
  ['Smith Law', 'Smith Lawn Care', 'Smith Law PLLC', 'Smith Lawn Care Inc'],
  ['Alpha Dental', 'Alpha Dental Lab', 'ALPHA DENTAL', 'Alpha Dental Laboratory'],
  ['Summit Roofing', 'Summit Plumbing', 'Summit Roofing LLC', 'Summit Plumbing Inc'],
  ['Johnson Controls Services', 'Johnson Consulting Services', 'Johnson Controls Svcs', 'Johnson Consulting'],
  ['Eastside Family Medicine', 'Westside Family Medicine', 'Eastside Family Medicine PA', 'Westside Family Medicine'],
  ['First Baptist Church of Springfield', 'First Baptist Church of Shelbyville', 'First Baptist Church Springfield', 'First Baptist Shelbyville'],
  ['Anderson Electric', 'Andersen Electric', 'Anderson Electric Co', 'Andersen Electric LLC'],
  ['Lakeside Animal Hospital', 'Lakeside Animal Clinic', 'Lakeside Animal Hospital PC', 'Lakeside Animal Clinic LLC'],
  ['Premier Auto Glass', 'Premier Auto Sales', 'Premier Auto Glass Inc', 'Premier Auto Sales Inc'],
  ['Oak Street Dental', 'Oak Street Diner', 'Oak St Dental', 'Oak Street Diner LLC'],
  ['Mountain West Bank', 'Mountain West Bakery', 'Mountain West Bank', 'Mountain West Bakery'],
  ['Carter Heating', 'Porter Heating', 'Carter Heating & Cooling', 'Porter Heating Inc'],
  ['Grace Chapel', 'Grace Church', 'Grace Chapel Inc', 'Grace Church of God'],
  ['Valley Health Partners', 'Valley Wealth Partners', 'Valley Health Partners LLC', 'Valley Wealth Partners LLC'],
  ['Blue Sky Solar', 'Blue Sky Salon', 'Blue Sky Solar Inc', 'Blue Sky Salon & Spa'],
  ['Metro Title', 'Metro Tile', 'Metro Title Co', 'Metro Tile Inc'],
  ['Hill Country Realty', 'Hill Country Rentals', 'Hill Country Realty LLC', 'Hill Country Rentals LLC'],
  ['Precision Machining', 'Precision Marketing', 'Precision Machining Inc', 'Precision Marketing Group'],
  ['Pacific Dental Care', 'Atlantic Dental Care', 'Pacific Dental Care PC', 'Atlantic Dental Care PC'],
  ['Riverside Veterinary', 'Riverside Realty', '', ''],
  ['Sunrise Senior Living', 'Sunrise Sign Company', '', ''],
  ['Cornerstone Counseling', 'Cornerstone Construction', '', ''],
  ['Liberty Tax Service', 'Liberty Title Service', '', ''],
  ['Pinnacle Physical Therapy', 'Pinnacle Pest Control', '', ''],
  ['Harbor Freight Brokers', 'Harbor Fitness', '', ''],
  ['Golden Dragon Restaurant', 'Golden Eagle Restaurant', '', ''],
  ['Smith Family Dentistry', 'Smyth Family Chiropractic', '', ''],
  ['Northern Lights Electric', 'Northern Light Church', '', ''],
  ['Heritage Bank', 'Heritage Bakery', '', ''],
  ['Evergreen Landscaping', 'Evergreen Lending', '', ''],
  ['Unity Health', 'Unity Hall', '', ''],
];

/** Companies on one side only, with names unlike anything on the other side. */
const PAX8_ONLY = [
  'Quinton Aerospace Composites', 'Marigold Hospice Care', 'Tidewater Boatworks', 'Zenith Dermatology', 'Obsidian Forensics',
  'Kettle Moraine Dairy', 'Wyatt Orthotics', 'Bluegrass Equine Transport', 'Nordic Sauna Supply', 'Paloma Bridal Boutique',
  'Huckleberry Preschool', 'Galloway Surveying', 'Ironclad Waterproofing', 'Velvet Rope Events', 'Sandhill Crane Pottery',
];
const PSA_ONLY = [
  'Gopher Broadband', 'Tumbleweed Tortilla Factory', 'Ashford Violin Makers', 'Kodiak Snow Removal', 'Periwinkle Quilts',
  'Ozark Mountain Apiaries', 'Yeoman Bookbinding', 'Fjord Fish Market', 'Cobalt Glassworks', 'Mockingbird Recording Studio',
  'Everett Forklift Rental', 'Juniper Dog Grooming', 'Bramble Hollow Goats', 'Lantern Light Escape Rooms', 'Xavier Translation Bureau',
];

const random = seededRandom(4);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const SUFFIXES = ['Inc', 'Inc.', ', Inc.', 'LLC', ', LLC', 'L.L.C.', 'Ltd', 'Ltd.', 'Limited', 'Corp', 'Corp.', 'Corporation', 'Co', 'Co.', 'Company', 'PLLC', 'LLP', 'LP', 'PC', 'P.C.', 'PLC', 'GmbH', 'AG', 'SA', 'SAS', 'BV', 'NV', 'Pty Ltd', 'Pty. Ltd.', 'Co., Ltd.', 'S.A.', 'Incorporated'];
const withSuffix = (name: string, suffix: string) => (suffix.startsWith(',') ? `${name}${suffix}` : `${name} ${suffix}`);

function typo(name: string): string {
  const letters = [...name].map((ch, i) => (/[a-z]/i.test(ch) && i > 0 ? i : -1)).filter((i) => i > 0);
  const at = pick(letters);
  const kind = random();
  if (kind < 0.3) return name.slice(0, at) + name.slice(at + 1); // dropped letter
  if (kind < 0.55) return name.slice(0, at) + name[at] + name.slice(at); // doubled letter
  if (kind < 0.8 && /[a-z]/i.test(name[at + 1] ?? '')) return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2); // swap
  return name.slice(0, at) + pick([...'aeiourstnl']) + name.slice(at + 1); // wrong letter
}

const CATEGORIES = ['suffix', 'suffix', 'suffix', 'case', 'typo', 'typo', 'the', 'ampersand', 'identical', 'suffix-and-case'] as const;
const rows: string[][] = [];
BASES.forEach((base, k) => {
  let category: string = CATEGORIES[k % CATEGORIES.length]!;
  let pax8 = base;
  let psa = base;
  if (category === 'ampersand' && !/ and /.test(base)) category = 'suffix';
  switch (category) {
    case 'suffix':
      pax8 = withSuffix(base, pick(SUFFIXES));
      psa = random() < 0.3 ? base : withSuffix(base, pick(SUFFIXES));
      break;
    case 'case':
      psa = random() < 0.5 ? base.toUpperCase() : base.toLowerCase();
      break;
    case 'typo':
      psa = typo(base);
      if (random() < 0.3) psa = typo(psa);
      break;
    case 'the':
      pax8 = random() < 0.5 ? `The ${base}` : `${base}, The`;
      break;
    case 'ampersand':
      psa = base.replace(' and ', ' & ');
      break;
    case 'identical':
      break;
    case 'suffix-and-case':
      pax8 = withSuffix(base, pick(SUFFIXES));
      psa = withSuffix(base.toUpperCase(), pick(SUFFIXES).toUpperCase());
      break;
  }
  rows.push([category, pax8, psa]);
});
for (const [category, pax8, psa] of WRITTEN) rows.push([category, pax8, psa]);
for (const [pax8, psa, psaSpellingOfPax8, pax8SpellingOfPsa] of NEAR_MISSES) {
  rows.push(['near-miss', pax8, psa]);
  if (psaSpellingOfPax8) rows.push(['near-miss-partner', pax8, psaSpellingOfPax8]);
  if (pax8SpellingOfPsa) rows.push(['near-miss-partner', pax8SpellingOfPsa, psa]);
}
for (const name of PAX8_ONLY) rows.push(['pax8-only', name, '']);
for (const name of PSA_ONLY) rows.push(['psa-only', '', name]);

const header = [
  '# Labelled Quick Match set (built by bench/matcher-quality-build.ts; review diffs).',
  '# kind<TAB>pax8 name<TAB>psa name. Every row but near-miss, pax8-only and psa-only is a true pair.',
  '# near-miss: two different companies (both names are in the lists; they must not be paired).',
  '# near-miss-partner: the true partner of a near-miss company. pax8-only / psa-only: on one side only.',
];
writeFileSync(new URL('./data/matcher-labelled.tsv', import.meta.url), `${[...header, ...rows.map((row) => row.join('\t'))].join('\n')}\n`);
console.log(`wrote ${rows.length} rows (${rows.filter((r) => !['near-miss', 'pax8-only', 'psa-only'].includes(r[0]!)).length} true pairs)`);
