import { DEFAULT_MATCH_THRESHOLD } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';
import { evaluateQuality, LABELLED_SETS, type LabelledSet, loadLabelledSet } from '../../../bench/matcher-quality-eval';

/** Precision ≥ 0.93 and recall ≥ 0.97 at the default threshold, with the mistakes in the message. */
function expectTheBar(set: LabelledSet): void {
  const report = evaluateQuality(set, DEFAULT_MATCH_THRESHOLD);
  expect(report.threshold).toBe(0.4);
  expect(report.precision, JSON.stringify(report.falsePositives)).toBeGreaterThanOrEqual(0.93);
  expect(report.recall, JSON.stringify(report.falseNegatives)).toBeGreaterThanOrEqual(0.97);
}

// The labelled sets of bench/matcher-quality.ts; this holds the line in CI. The development set was built
// with the matcher in view. The independent samples take their names from outside the project (chance's
// real company list, faker): sample 3 was committed before the matcher it is held against and evaluated
// once; samples 1 and 2 were evaluated once each and then prompted changes, so they are seen (see
// bench/matcher-independent-build.ts and the README, "Quality"). The project's own held-out generator's
// two samples are extra checks.
describe('Quick Match quality on the development set (bench/data/matcher-labelled.tsv)', () => {
  const set = loadLabelledSet(LABELLED_SETS.development);

  it('is a set of several hundred pairs over every category, with near-misses', () => {
    expect(set.truth.length).toBeGreaterThanOrEqual(350);
    expect(set.nearMisses.length).toBeGreaterThanOrEqual(30);
    const categories = new Set(set.truth.map((pair) => pair.category));
    for (const category of ['suffix', 'ampersand', 'abbreviation', 'typo', 'the', 'case', 'branch', 'unicode', 'punctuation', 'untuned']) {
      expect(categories).toContain(category);
    }
  });

  it(`at the default threshold (${DEFAULT_MATCH_THRESHOLD}): precision ≥ 0.93 and recall ≥ 0.97`, () => {
    expectTheBar(set);
  });

  it('near-misses whose true partners are present are never paired with each other', () => {
    const report = evaluateQuality(set, DEFAULT_MATCH_THRESHOLD);
    expect(report.recallByCategory['near-miss-partner']).toEqual({ found: 40, total: 40 });
  });
});

describe('Quick Match quality on the independent set (bench/data/matcher-independent-3.tsv, names from chance and faker)', () => {
  const set = loadLabelledSet(LABELLED_SETS.independent);

  it('is a set of several hundred pairs with near misses of its own and one-side-only companies', () => {
    expect(set.truth.length).toBeGreaterThanOrEqual(280);
    expect(set.nearMisses.length).toBeGreaterThanOrEqual(500);
    expect(set.pax8.length - new Set(set.truth.map((pair) => pair.pax8Id)).size).toBeGreaterThanOrEqual(60);
    expect(set.psa.length - new Set(set.truth.map((pair) => pair.psaId)).size).toBeGreaterThanOrEqual(60);
    const sources = new Set(set.truth.map((pair) => pair.category.split('-')[0]));
    expect(sources).toEqual(new Set(['real', 'faker']));
  });

  it(`at the default threshold (${DEFAULT_MATCH_THRESHOLD}): precision ≥ 0.93 and recall ≥ 0.97`, () => {
    expectTheBar(set);
  });
});

describe('Quick Match quality on the seen sets (independent samples 1 and 2, the own generator\'s sample 1)', () => {
  for (const file of [LABELLED_SETS.independentSeen, LABELLED_SETS.independentSeen2, LABELLED_SETS.heldOutSeen]) {
    it(`${file.pathname.split('/').pop()}: precision ≥ 0.93 and recall ≥ 0.97 at ${DEFAULT_MATCH_THRESHOLD}`, () => {
      expectTheBar(loadLabelledSet(file));
    });
  }
});

describe('Quick Match quality on the own generator\'s second sample (bench/data/matcher-holdout-2.tsv)', () => {
  const set = loadLabelledSet(LABELLED_SETS.heldOut);

  it('is a set of several hundred pairs with many near misses and one-side-only companies', () => {
    expect(set.truth.length).toBeGreaterThanOrEqual(250);
    expect(set.nearMisses.length).toBeGreaterThanOrEqual(50);
    expect(set.pax8.length - new Set(set.truth.map((pair) => pair.pax8Id)).size).toBeGreaterThanOrEqual(40);
  });

  it(`at the default threshold (${DEFAULT_MATCH_THRESHOLD}): precision ≥ 0.93 and recall ≥ 0.97`, () => {
    expectTheBar(set);
  });
});
