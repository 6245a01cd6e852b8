import { MatcherInputError, normalizeCompanyName } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';

const table: Record<string, [string, string][]> = {
  'Unicode folding and diacritics': [
    ['Café Müller', 'cafe muller'],
    ['Société Générale', 'societe generale'],
    ['Straße Bau', 'strasse bau'],
    ['Øresund Consulting', 'oresund consulting'],
    ['Łódź Logistics', 'lodz logistics'],
    ['Ｆｕｌｌ Ｗｉｄｔｈ', 'full width'],
    ['ﬁne Foods', 'fine foods'],
    ['Cafe\u0301 Mu\u0308ller', 'cafe muller'],
    ['Æther Œuvre', 'aether oeuvre'],
  ],
  case: [
    ['ACME WIDGETS', 'acme widgets'],
    ['acme widgets', 'acme widgets'],
    ['AcMe WiDgEtS', 'acme widgets'],
  ],
  '& and "and"': [
    ['Smith & Jones', 'smith and jones'],
    ['Smith&Jones', 'smith and jones'],
    ['Smith and Jones', 'smith and jones'],
    ['Smith AND Jones', 'smith and jones'],
  ],
  'punctuation and dotted abbreviations': [
    ['A.B.C. Plumbing', 'abc plumbing'],
    ['A. B. C. Plumbing', 'abc plumbing'],
    ['J.B. Hunt Transport', 'jb hunt transport'],
    ['U.S. Bank', 'us bank'],
    ['Acme L.L.C', 'acme'],
    ['Acme s.r.o. D.B.A. Widgets', 'widgets'],
    ["O'Brien Accounting", 'obrien accounting'],
    ['Joe’s Pizza', 'joes pizza'],
    ['Smith-Jones Law', 'smith jones law'],
    ['Acme/Widgets', 'acme widgets'],
    ['Acme, Widgets!', 'acme widgets'],
    ['Acme #1 Widgets', 'acme 1 widgets'],
  ],
  'legal suffixes': [
    ['Acme Inc', 'acme'],
    ['Acme Inc.', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme L.L.C', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Acme Ltd.', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme Corp', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Co', 'acme'],
    ['Acme Co.', 'acme'],
    ['Acme Company', 'acme'],
    ['Acme & Co.', 'acme'],
    ['Acme PLLC', 'acme'],
    ['Acme LLP', 'acme'],
    ['Acme LP', 'acme'],
    ['Acme L.P.', 'acme'],
    ['Acme PC', 'acme'],
    ['Acme P.C.', 'acme'],
    ['Acme PLC', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme SA', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme SAS', 'acme'],
    ['Acme BV', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Acme NV', 'acme'],
    ['Acme Pty Ltd', 'acme'],
    ['Acme Pty. Ltd.', 'acme'],
    ['Acme Co., Ltd.', 'acme'],
    ['Acme Sdn Bhd', 'acme'],
    ['Acme Pte Ltd', 'acme'],
    ['Acme S.R.L.', 'acme'],
    ['Acme SpA', 'acme'],
    ['Acme AB', 'acme'],
    ['Acme Oy', 'acme'],
    ['Acme ApS', 'acme'],
    ['Acme A/S', 'acme'],
    ['Acme s.r.o.', 'acme'],
    ['Acme Sp. z o.o.', 'acme'],
    ['Acme S.A. de C.V.', 'acme'],
    ['Acme Ltda', 'acme'],
    ['Acme, spol. s r.o.', 'acme'],
    ['Acme S.à r.l.', 'acme'],
    ['Acme S.L.', 'acme'],
    ['Acme Ltée', 'acme'],
    ['Acme Limitée', 'acme'],
    ['Acme e.K.', 'acme'],
    ['Acme e.V.', 'acme'],
    ['Acme gGmbH', 'acme'],
    ['Acme KGaA', 'acme'],
    ['Acme Bank, N.A.', 'acme bank'],
    ['Acme S. de R.L. de C.V.', 'acme'],
    ['Acme S. de R.L.', 'acme'],
    ['Acme Ltd. Liability Co.', 'acme'],
    ['Acme Holdings Inc', 'acme holdings'],
    ['Acme Inc LLC', 'acme'],
  ],
  'suffixes only at the end, never the whole name': [
    ['Inc', 'inc'],
    ['The Company', 'company'],
    ['Company Store Inc', 'company store'],
    ['Corp Finance Partners', 'corp finance partners'],
    ['Limited Edition Prints', 'limited edition prints'],
  ],
  'a leading or trailing "The"': [
    ['The Acme Group', 'acme group'],
    ['THE ACME GROUP', 'acme group'],
    ['Acme Group, The', 'acme group'],
    ['Theater Works', 'theater works'],
    ['The', 'the'],
  ],
  'branch tails': [
    ['Acme - Denver', 'acme'],
    ['Acme Inc. - Denver Office', 'acme'],
    ['Acme – Denver', 'acme'],
    ['Acme — Denver', 'acme'],
    ['Acme | Denver', 'acme'],
    ['Acme / Denver', 'acme'],
    ['Acme Corporation / East Carolina', 'acme'],
    ['AC/DC Tribute', 'ac dc tribute'],
    ['Acme (Old)', 'acme'],
    ['Acme Inc (Old)', 'acme'],
    ['Acme (DO NOT USE) LLC', 'acme'],
    ['Acme [Inactive]', 'acme'],
    ['Acme (Denver', 'acme'],
    ['(Old)', 'old'],
  ],
  'long legal suffixes with one slip': [
    ['Masco Corporatiion', 'masco'],
    ['Acme Incorproated', 'acme'],
    ['Acme Compnay', 'acme'],
    ['Acme Limted', 'acme'],
    ['Acme Corporatoin Limited', 'acme'],
    ['Compnay', 'compnay'],
    ['Acme Compare', 'acme compare'],
  ],
  'French legal forms': [
    ['Fernandez EURL', 'fernandez'],
    ['Dupont SCI', 'dupont'],
    ['Martin SELARL', 'martin'],
    ['Durand et Fils SCOP', 'durand et fils'],
  ],
  'abbreviations': [
    ['Acme Intl', 'acme international'],
    ['Acme Svcs', 'acme services'],
    ['Acme Mgmt', 'acme management'],
    ['Smith Bros', 'smith brothers'],
    ['Acme Mfg', 'acme manufacturing'],
  ],
  'trade name after dba': [
    ['Kaur Holdings LLC dba Grastam Realty', 'grastam realty'],
    ['Acme Inc. d/b/a Widget World', 'widget world'],
    ['Acme D.B.A. Widgets', 'widgets'],
    ['Acme Holdings doing business as The Acme Shop, LLC', 'acme shop'],
    ['DBA Design', 'dba design'],
    ['Acme dba', 'acme dba'],
  ],
  spacing: [
    ['  Acme   Widgets  ', 'acme widgets'],
    ['Acme\tWidgets\n', 'acme widgets'],
    ['Acme\u00a0Widgets', 'acme widgets'],
    ['', ''],
    ['   ', ''],
  ],
  'everything at once': [
    ['The Smith & Jones Co., L.L.C. - Denver', 'smith and jones'],
    ['  THE  Café-Müller  Intl. GmbH & Co. KG (alt) ', 'cafe muller international'],
  ],
};

describe('normalizeCompanyName', () => {
  for (const [rule, cases] of Object.entries(table)) {
    describe(rule, () => {
      it.each(cases)('%j → %j', (input, output) => {
        expect(normalizeCompanyName(input)).toBe(output);
      });
    });
  }

  it('is idempotent on every table output', () => {
    for (const cases of Object.values(table)) {
      for (const [, output] of cases) {
        if (output === 'the' || output === 'inc' || output === 'company' || output === 'old') continue;
        expect(normalizeCompanyName(output)).toBe(output);
      }
    }
  });

  it('rejects a non-string with a typed error naming the field', () => {
    expect(() => normalizeCompanyName(undefined as unknown as string)).toThrow(MatcherInputError);
    expect(() => normalizeCompanyName(null as unknown as string)).toThrow('name: must be a string, got null.');
  });
});
