import { companySimilarity, normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';

console.log(normalizeCompanyName('The Smith & Jones Co., L.L.C. - Denver')); // 'smith and jones'
console.log(companySimilarity('Acme, Inc.', 'ACME LLC')); // 1

const pax8Companies = [
  { id: 'c0a1', name: 'Acme, Inc.' },
  { id: 'c0a2', name: 'Northside Pediatrics PC' },
  { id: 'c0a3', name: 'Bluewater Insurance' },
];
const psaCompanies = [
  { id: '101', name: 'ACME LLC' },
  { id: '102', name: 'Northside Pediatrics' },
  { id: '103', name: 'Southside Pediatrics' },
  { id: '104', name: 'Bluewater Insurance (Old)' },
];

const result = quickMatch(pax8Companies, psaCompanies, {
  threshold: 0.4, // the default
  confirmed: [{ pax8Id: 'c0a3', psaId: '104' }], // already mapped: left alone
  rejected: [], // pairs a person rejected are never suggested again
});
for (const s of result.suggestions) {
  console.log(`${s.pax8Name} → ${s.psaName}  ${s.score.toFixed(2)}  (${s.pax8Normalized} / ${s.psaNormalized})`);
}
// Acme, Inc. → ACME LLC  1.00  (acme / acme)
// Northside Pediatrics PC → Northside Pediatrics  1.00  (northside pediatrics / northside pediatrics)
console.log(result.unmatchedPsa.map((c) => `${c.name}: ${c.reason}`)); // [ 'Southside Pediatrics: outmatched' ]
