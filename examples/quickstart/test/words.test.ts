import { describe, expect, it } from 'vitest';
import { accountKey } from '../src/account';
import { describeFlag, describeRun } from '../src/describe-run';

describe('which account a run reads', () => {
  it('is one account per endpoint and client id: a trailing slash or /v1 is the same endpoint, the secret plays no part', () => {
    const pax8 = (baseUrl: string, clientId = 'id-1') => accountKey({ kind: 'pax8', baseUrl, clientId });
    expect(pax8('https://api.pax8.com/v1/')).toBe(pax8('https://api.pax8.com'));
    expect(pax8('https://API.pax8.com')).toBe(pax8('https://api.pax8.com'));
    expect(pax8('https://api.pax8.com', 'id-2')).not.toBe(pax8('https://api.pax8.com'));
    expect(pax8('http://127.0.0.1:4010')).not.toBe(pax8('http://127.0.0.1:4011'));
    expect(pax8('https://api.pax8.com')).not.toContain('id-1');
    expect(accountKey({ kind: 'simulator', seed: 2026 })).not.toBe(pax8('http://127.0.0.1:4010'));
  });
});

describe('a run\'s outcome and flags in words', () => {
  it('removal-deferred: what happened and that there is nothing to do', () => {
    expect(describeRun('subscriptions', { outcome: 'succeeded', flags: ['removal-deferred'], error: null })).toEqual([
      'Outcome: succeeded, with flags:',
      "  flag removal-deferred: Pax8's listing of subscriptions changed size during the pull, so records may have moved out of view: nothing was removed this run. What to do: nothing; the next run removes what is really gone. Everything created or changed was stored as usual.",
    ]);
  });

  it('a failed run gives its reason and says that nothing is lost and the next run resumes', () => {
    const [line] = describeRun('companies', { outcome: 'failed', flags: [], error: 'http_503 from GET /v1/companies' });
    expect(line).toBe('Outcome: failed. Reason given: http_503 from GET /v1/companies. Nothing stored was lost or half-written: run the quickstart again and the sync resumes from its last complete page.');
  });

  it('a flag this version does not know is still named, with where to read about it', () => {
    expect(describeFlag('listing-incomplete', 'companies')).toBe('flag listing-incomplete: see docs/troubleshooting.md for what it means.');
    expect(describeRun('companies', { outcome: 'succeeded', flags: [], error: null })).toEqual(['Outcome: succeeded, no flags.']);
  });
});
