import { type CompanyRecord, isStorableString } from '@pax8-sync/core';
import { changeEvent, companyRow, connectionRow, mappingRow, quarantineRow, runRow } from './fixtures';
import type { SuiteContext } from './suite-context';

/**
 * Odd but valid text: every string without U+0000 and lone surrogates must be stored verbatim
 * (the rule of the contract, see `RecordStore`). Each entry is a trap some store fell into.
 */
export const oddButValidStrings: readonly string[] = [
  '\u200f right-to-left mark مرحبا \u202e override',
  'e\u0301 combining acute, \u0915\u094d\u0937 conjunct',
  'zero\u200bwidth\u200cnon\u200djoiner\u2060',
  'emoji 😀 family 👩‍👩‍👧 flag 🇳🇿',
  'beyond the BMP 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{10ffff} \u{1d11e}',
  '\ufeff byte order mark, \ufffe\uffff noncharacters, \ufffd replacement',
  'control \u0001\u0008\u000b\u000c\u001f\u007f\u0085 characters',
  'line\u2028separator\u2029paragraph',
  'tab\there, newline\nand\r\nreturn',
  'back\\slash, "double" and \'single\' quotes, $1 $$ %s',
  '\\u0000 and \\ud800 as literal escape text (not the characters)',
  '',
  ' ',
];

/** Strings of about 1 MB: Pax8 fields are unbounded and the engine passes them on. */
export const hugeStrings: readonly string[] = ['x'.repeat(1 << 20), `${'é🚀\u200f'.repeat(1 << 17)}end`];

/** Every valid string is stored and read back verbatim, in every store; huge strings too. */
export function stringsSuite({ it, describe, check, storage }: SuiteContext): void {
  describe('strings (every string without U+0000 or a lone surrogate is stored verbatim)', () => {
    it('the test strings are all storable by the contract rule', () => {
      check.ok([...oddButValidStrings, ...hugeStrings].every(isStorableString), 'isStorableString accepts every one');
      check.ok(!isStorableString('a\u0000b') && !isStorableString('\ud800') && !isStorableString('x\udfff'), 'and refuses NUL and lone surrogates');
    });

    it('records: odd text in columns, in data values and as data keys, read back deeply equal', async () => {
      const s = storage();
      const rows: CompanyRecord[] = oddButValidStrings.map((text, i) => {
        const base = companyRow('conn-a', `odd-${String(i).padStart(2, '0')}`);
        return { ...base, name: text, status: text, data: { ...base.data, name: text, [`key ${text}`]: text, nested: { list: [text, { [text]: text }] } } };
      });
      await s.companies.upsertMany(rows);
      check.equal(sortById(await s.companies.getMany('conn-a', rows.map((r) => r.id))), rows, 'getMany returns every row as written');
      check.equal((await s.companies.list('conn-a')).items, rows, 'list too');
    });

    it('records: strings of 1 MB in a column and in data', async () => {
      const s = storage();
      const rows: CompanyRecord[] = hugeStrings.map((text, i) => ({ ...companyRow('conn-a', `huge-${i}`), name: text, data: { id: `huge-${i}`, name: text, notes: [text] } }));
      await s.transaction((tx) => tx.companies.upsertMany(rows));
      const back = sortById(await s.companies.getMany('conn-a', rows.map((r) => r.id)));
      check.ok(back.length === rows.length && back.every((r, i) => r.name === rows[i]!.name && r.data.name === rows[i]!.name), 'huge strings read back verbatim');
      check.equal(back, rows, 'whole rows equal');
    });

    it('every other store keeps odd and huge text verbatim: quarantine, change feed, connections, mappings, runs and seen ids', async () => {
      const s = storage();
      const texts = [...oddButValidStrings, hugeStrings[1]!];
      await s.connections.put({ ...connectionRow('conn-a'), name: texts.join(' | ') });
      check.equal((await s.connections.get('conn-a'))?.name, texts.join(' | '), 'connection name');
      const quarantined = texts.map((text, i) => ({ ...quarantineRow('conn-a', 'companies', `q-${String(i).padStart(2, '0')}`), reason: text, issues: [{ path: text, message: text }], record: { name: text, [text]: [text] } }));
      await s.quarantine.putMany(quarantined);
      check.equal(await s.quarantine.list('conn-a', { entity: 'companies' }), quarantined, 'quarantined records, reasons and issues');
      const events = texts.map((text) => ({ ...changeEvent('conn-a', 's-1', 'updated'), fields: [{ field: text, before: text, after: text }], detail: { text }, before: { name: text }, after: { [text]: text } }));
      await s.changes.append(events);
      check.equal((await s.changes.list('conn-a', { limit: 100 })).events.map(({ cursor: _cursor, ...event }) => event), events, 'change events');
      await s.mappings.upsertMany(texts.map((text, i) => ({ ...mappingRow('conn-a', `pc-${String(i).padStart(2, '0')}`), psaCompanyId: text })));
      check.equal((await s.mappings.list('conn-a')).map((m) => m.psaCompanyId), texts, 'mappings');
      await s.runs.start(runRow('conn-a', 'run-1'));
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { texts }, counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, seenIds: oddButValidStrings.filter((t) => t !== ''), page: 0 });
      check.equal((await s.runs.get('run-1'))?.checkpoint, { texts }, 'run checkpoint');
      check.equal((await s.runs.listSeen('conn-a', 'run-1')).sort(), oddButValidStrings.filter((t) => t !== '').sort(), 'seen ids');
      await s.runs.finish({ runId: 'run-1', outcome: 'failed', finishedAt: 9, counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, error: texts.join('\n'), flags: texts });
      const run = await s.runs.get('run-1');
      check.equal({ error: run?.error, flags: run?.flags }, { error: texts.join('\n'), flags: texts }, 'run error and flags');
    });
  });
}

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
