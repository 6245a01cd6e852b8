import { companyNameVariants, companySimilarity, createMatchScorer, normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';

console.log(normalizeCompanyName('The Smith & Jones Co., L.L.C. - Denver')); // 'smith and jones'
console.log(companySimilarity('Acme, Inc.', 'ACME LLC')); // 1

const pax8Companies = [
  { id: 'c0a1', name: 'Acme, Inc.' },
  { id: 'c0a2', name: 'Northside Pediatrics PC' },
  { id: 'c0a3', name: 'Bluewater Insurance' },
  { id: 'c0a4', name: 'Contoso Consulting' },
  { id: 'c0a5', name: 'Fabrikam Dental Group' },
];
const psaCompanies = [
  { id: '101', name: 'ACME LLC' },
  { id: '102', name: 'Northside Pediatrics' },
  { id: '103', name: 'Southside Pediatrics' },
  { id: '104', name: 'Bluewater Insurance (Old)' },
  { id: '105', name: 'Contoso Farms' },
  { id: '106', name: 'Fabrikam Dentl Grp.' },
];

const result = quickMatch(pax8Companies, psaCompanies, {
  threshold: 0.4, // the default
  confirmed: [{ pax8Id: 'c0a3', psaId: '104' }], // already mapped: left alone
  rejected: [], // pairs a person rejected are never suggested again
});
for (const s of result.suggestions) {
  console.log(`${s.pax8Name} → ${s.psaName}  ${s.score.toFixed(2)} = spelling ${s.spelling.toFixed(2)} × words ${s.wordAgreement.toFixed(2)}`);
}
// Acme, Inc. → ACME LLC  1.00 = spelling 1.00 × words 1.00
// Northside Pediatrics PC → Northside Pediatrics  1.00 = spelling 1.00 × words 1.00
// Fabrikam Dental Group → Fabrikam Dentl Grp.  0.91 = spelling 0.91 × words 1.00
console.log(result.unmatchedPsa.map((c) => `${c.name}: ${c.reason}`)); // [ 'Southside Pediatrics: no-candidate', 'Contoso Farms: no-candidate' ]

// Why "Contoso Farms" was not suggested for "Contoso Consulting": each has a word with nothing like it.
const scorer = createMatchScorer(pax8Companies.map((c) => c.name), psaCompanies.map((c) => c.name));
const why = scorer.score('Contoso Consulting', 'Contoso Farms');
console.log(why.score.toFixed(2), why.spelling.toFixed(2), why.wordAgreement.toFixed(2), why.unmatchedPax8Words, why.unmatchedPsaWords); // 0.12 0.44 0.27 [ 'consulting' ] [ 'farms' ]

// A company known by two names ("Legal Name dba Trade Name") matches a record holding either; the scorer says which.
const dba = createMatchScorer(['Kaur Holdings LLC dba Grastam Realty'], ['Kaur Holdings LLC']);
const matched = dba.score('Kaur Holdings LLC dba Grastam Realty', 'Kaur Holdings LLC');
console.log(matched.score, matched.pax8Normalized, companyNameVariants('Kaur Holdings LLC dba Grastam Realty')); // 1 kaur holdings [ 'grastam realty', 'kaur holdings' ]
