/**
 * Legal-form suffixes removed from the end of a company name, as token sequences of the name after
 * folding, punctuation removal and dotted-abbreviation joining (so `L.L.C.` arrives as `llc`, `Pty. Ltd.` as `pty ltd`).
 * Longer sequences are tried first; removal repeats (`Co., Ltd.`) but never empties a name.
 */
export const LEGAL_SUFFIXES: readonly string[] = Object.freeze([
  // English-speaking
  'inc', 'incorporated', 'llc', 'l l c', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'cos',
  'pllc', 'llp', 'lllp', 'lp', 'pc', 'plc', 'pa', 'ulc', 'cic', 'pty', 'pty ltd', 'proprietary limited',
  'limited liability company', 'limited partnership', 'limited liability partnership', 'professional corporation',
  'professional association', 'ltd co', 'co ltd', 'company limited', 'ltd liability co', 'na',
  // European
  'gmbh', 'gmbh co kg', 'gmbh and co kg', 'ag', 'kg', 'ohg', 'ug', 'sa', 'sas', 'sarl', 'sasu', 'snc', 'eurl', 'sci', 'selarl', 'scop', 'bv', 'nv', 'vof',
  'srl', 'spa', 'slu', 'sau', 'lda', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps', 'a s', 'sro', 'spol s r o', 'kft', 'zrt', 'doo',
  'sp z o o', 'sp z oo', 'sp zoo', 'se', 'bvba', 'cvba', 'spol s ro', 's a rl', 'sl', 'ek', 'ev', 'ggmbh', 'kgaa',
  'ltee', 'limitee',
  // Elsewhere
  'pte', 'pte ltd', 'private limited', 'pvt', 'pvt ltd', 'sdn bhd', 'bhd', 'kk', 'ltda', 'sa de cv', 'de cv', 's de rl', 's de rl de cv', 'sapi de cv', 'eireli',
]);
