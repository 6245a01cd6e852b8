import type { JsonObject, Pax8SyncStorage, StoredConnection, StoredWriteIntent, WriteIntentState } from '@pax8-sync/core';
import { connectionRow } from './fixtures';
import { intentRow, nextIntent, outboxOf, transitionEvent, trickyJson } from './outbox-fixtures';
import { oddButValidStrings } from './strings-suite';
import type { SuiteContext } from './suite-context';

const allStates: readonly WriteIntentState[] = ['pending-approval', 'approved', 'sending', 'applied', 'failed', 'conflict', 'unknown'];
const ids = (intents: readonly StoredWriteIntent[]) => intents.map((i) => i.id);

/** Write-back (`capabilities.writeBack`): the outbox of write intents and `write_transition` change events. */
export function outboxSuite(ctx: SuiteContext): void {
  ctx.describe('outbox (capability writeBack)', () => {
    addAndGetTests(ctx);
    listTests(ctx);
    listDueTests(ctx);
    updateTests(ctx);
    transactionAndFeedTests(ctx);
    purgeTests(ctx);
  });
}

/** A connection with a write-back policy (`StoredConnection.writePolicy`: opaque JSON the engine writes). */
type WithWritePolicy = StoredConnection & { writePolicy?: JsonObject };

function addAndGetTests({ it, check, storage }: SuiteContext): void {
  it('a connection keeps its write-back policy exactly; one without it reads back without it', async () => {
    const s = storage();
    const policy = { approval: { every: false, increasesAbove: 5, kinds: ['order.create'] }, onConflict: 'psa-wins', note: 'Größe ✓' };
    const withPolicy: WithWritePolicy = { ...connectionRow('conn-p'), writePolicy: policy };
    await s.connections.put(withPolicy);
    await s.connections.put(connectionRow('conn-q'));
    check.equal(await s.connections.get('conn-p'), withPolicy, 'policy round trip');
    const plain: WithWritePolicy | undefined = await s.connections.get('conn-q');
    check.ok(plain !== undefined && !('writePolicy' in plain), 'no policy: the key is absent');
    check.equal(await s.connections.list(), [withPolicy, connectionRow('conn-q')], 'list carries it');
    const changed: WithWritePolicy = { ...withPolicy, writePolicy: { approval: { every: true } } };
    await s.connections.put(changed);
    check.equal(await s.connections.get('conn-p'), changed, 'a new put replaces the policy');
    await s.connections.put(connectionRow('conn-p'));
    check.equal(await s.connections.get('conn-p'), connectionRow('conn-p'), 'and a put without it removes it');
  });

  it('add stores an intent exactly as given; get finds it only under its connection', async () => {
    const o = outboxOf(storage());
    const intent = intentRow('conn-a', 'wi-1', { dueAt: 5_000, sentAt: 4_000, attempts: 1, outcome: { reason: 'ok' } });
    await o.add(intent);
    check.equal(await o.get('conn-a', 'wi-1'), intent, 'round trip');
    check.equal(await o.get('conn-b', 'wi-1'), undefined, 'another connection does not see it');
    check.equal(await o.get('conn-a', 'wi-missing'), undefined, 'unknown id');
    const create = intentRow('conn-a', 'wi-2', { kind: 'company.create', target: { entity: 'companies', id: 'psa-co-9' }, basedOn: null, state: 'pending-approval' });
    await o.add(create);
    check.equal(await o.get('conn-a', 'wi-2'), create, 'nulls and a create round trip');
  });

  it('add rejects an id that exists (in any connection) and leaves the stored intent as it was', async () => {
    const o = outboxOf(storage());
    const intent = intentRow('conn-a', 'wi-dup');
    await o.add(intent);
    await check.rejects(o.add(intentRow('conn-a', 'wi-dup', { reason: 'second' })), 'duplicate id in the same connection rejected');
    await check.rejects(o.add(intentRow('conn-b', 'wi-dup', { reason: 'third' })), 'ids are unique per storage');
    check.equal(await o.get('conn-a', 'wi-dup'), intent, 'the first intent is untouched');
    check.equal(await o.get('conn-b', 'wi-dup'), undefined, 'nothing stored for the other connection');
  });

  it('payload, basedOn and outcome round trip as JSON: unicode, deep nesting, numbers at the edges; odd text in every text field', async () => {
    const o = outboxOf(storage());
    const odd = oddButValidStrings.join(' | ');
    const intent = intentRow('conn-a', 'wi-json', {
      payload: { ...trickyJson, lines: [{ productId: 'p-1', quantity: 3, provisioningDetails: [{ key: 'domain', values: ['a.example'] }] }] },
      basedOn: { quantity: 10.5, status: 'Active', price: { amount: 0.1, currency: '€' } },
      outcome: { reason: 'Pax8 said: “quantity below commitment”', expected: { quantity: 10 }, actual: { quantity: 11 }, odd },
      requestedBy: odd,
      reason: odd,
    });
    await o.add(intent);
    check.equal(await o.get('conn-a', 'wi-json'), intent, 'get returns the JSON as written');
    check.equal(await o.list('conn-a'), [intent], 'list too');
  });
}

function listTests({ it, check, storage }: SuiteContext): void {
  it('list: the connection\'s intents ascending by id (code-point order), filtered by states, keyset by after, limited', async () => {
    const o = outboxOf(storage());
    const order = ['B', 'a', 'wi-1', 'wi-10', 'wi-2', '~', 'é', '\uffda', '\u{1d11e}'];
    const states: WriteIntentState[] = ['approved', 'pending-approval', 'sending', 'applied', 'approved', 'failed', 'conflict', 'unknown', 'approved'];
    for (const [i, id] of [...order].reverse().entries()) await o.add(intentRow('conn-a', id, { state: states[order.length - 1 - i]! }));
    await o.add(intentRow('conn-b', 'other'));
    check.equal(ids(await o.list('conn-a')), order, 'ascending by code point (astral after U+FFDA), other connection excluded');
    check.equal(ids(await o.list('conn-a', { states: ['approved'] })), ['B', 'wi-2', '\u{1d11e}'], 'one state');
    check.equal(ids(await o.list('conn-a', { states: ['failed', 'pending-approval'] })), ['a', '~'], 'two states');
    check.equal(ids(await o.list('conn-a', { states: [...allStates] })), order, 'every state');
    check.equal(await o.list('conn-a', { states: [] }), [], 'no state matches nothing');
    check.equal(ids(await o.list('conn-a', { after: 'wi-10' })), ['wi-2', '~', 'é', '\uffda', '\u{1d11e}'], 'after is exclusive');
    check.equal(ids(await o.list('conn-a', { after: 'wi-1', limit: 2 })), ['wi-10', 'wi-2'], 'after and limit');
    check.equal(ids(await o.list('conn-a', { after: 'a', states: ['approved'], limit: 1 })), ['wi-2'], 'after, states and limit together');
    check.equal(await o.list('conn-a', { after: '\u{1d11e}' }), [], 'after the last id');
    check.equal(await o.list('conn-missing'), [], 'unknown connection');
  });

  it('list pages through more than the default limit of 100 with keyset pagination', async () => {
    const s = storage();
    const all = Array.from({ length: 105 }, (_, i) => intentRow('conn-a', `wi-${String(i).padStart(3, '0')}`));
    await s.transaction(async (tx) => {
      for (const intent of all) await outboxOf(tx).add(intent);
    });
    const first = await outboxOf(s).list('conn-a');
    check.equal(ids(first), ids(all.slice(0, 100)), 'default limit 100');
    check.equal(ids(await outboxOf(s).list('conn-a', { after: first.at(-1)?.id })), ids(all.slice(100)), 'the rest after the last id');
  });
}

function listDueTests({ it, check, storage }: SuiteContext): void {
  it('listDue: approved intents due at now, null dueAt first, then by dueAt, then by id; others excluded', async () => {
    const o = outboxOf(storage());
    const rows = [
      intentRow('conn-a', 'd-late', { dueAt: 3_000 }),
      intentRow('conn-a', 'd-b-null'),
      intentRow('conn-a', 'd-a-null'),
      intentRow('conn-a', 'd-now', { dueAt: 5_000 }),
      intentRow('conn-a', 'd-early-z', { dueAt: 1_000 }),
      intentRow('conn-a', 'd-early-a', { dueAt: 1_000 }),
      intentRow('conn-a', 'd-future', { dueAt: 5_001 }),
      intentRow('conn-a', 'd-pending', { state: 'pending-approval' }),
      intentRow('conn-a', 'd-sending', { state: 'sending', dueAt: 100 }),
      intentRow('conn-a', 'd-applied', { state: 'applied' }),
      intentRow('conn-a', 'd-failed', { state: 'failed', dueAt: 1 }),
      intentRow('conn-b', 'd-other'),
    ];
    for (const r of rows) await o.add(r);
    const due = await o.listDue('conn-a', 5_000);
    check.equal(ids(due), ['d-a-null', 'd-b-null', 'd-early-a', 'd-early-z', 'd-late', 'd-now'], 'order, dueAt = now included, not-yet-due and non-approved excluded');
    check.equal(due[4], rows[0], 'whole intents returned');
    check.equal(ids(await o.listDue('conn-a', 5_000, 3)), ['d-a-null', 'd-b-null', 'd-early-a'], 'limit');
    check.equal(ids(await o.listDue('conn-a', 999)), ['d-a-null', 'd-b-null'], 'before any dueAt only the unscheduled');
    check.equal(ids(await o.listDue('conn-a', 5_001)).at(-1), 'd-future', 'due once now reaches it');
    check.equal(ids(await o.listDue('conn-b', 10_000)), ['d-other'], 'per connection');
  });

  it('listDue returns at most 100 by default', async () => {
    const s = storage();
    await s.transaction(async (tx) => {
      for (let i = 0; i < 103; i += 1) await outboxOf(tx).add(intentRow('conn-a', `due-${String(i).padStart(3, '0')}`, { dueAt: i }));
    });
    const due = await outboxOf(s).listDue('conn-a', 1_000);
    check.equal(due.length, 100, 'default limit');
    check.equal(due[99]?.id, 'due-099', 'the earliest hundred');
  });
}

function updateTests({ it, check, storage }: SuiteContext): void {
  it('update is a compare-and-swap on version: stale or skipped versions write nothing', async () => {
    const o = outboxOf(storage());
    const v1 = intentRow('conn-a', 'wi-cas');
    await o.add(v1);
    const v2 = nextIntent(v1, { state: 'sending', attempts: 1, sentAt: 2_000 });
    check.equal(await o.update(v2, 2), false, 'wrong expected version');
    check.equal(await o.update({ ...v2, version: 3 }, 1), false, 'intent.version must be expected + 1');
    check.equal(await o.update({ ...v2, version: 1 }, 1), false, 'the same version is not a write');
    check.equal(await o.get('conn-a', 'wi-cas'), v1, 'nothing written by refused updates');
    check.equal(await o.update(v2, 1), true, 'matching version writes');
    check.equal(await o.get('conn-a', 'wi-cas'), v2, 'the whole intent is replaced');
    check.equal(await o.update(nextIntent(v1, { state: 'failed' }), 1), false, 'the old version is stale now');
    const v3 = nextIntent(v2, { state: 'applied', outcome: { reason: 'Pax8 confirmed', pax8Id: 'sub-9', nested: { deep: [1, 2.5, '✓'] } } });
    check.equal(await o.update(v3, 2), true, 'next write');
    check.equal(await o.get('conn-a', 'wi-cas'), v3, 'outcome round trips');
    check.equal(await o.update(intentRow('conn-a', 'wi-never', { version: 2 }), 1), false, 'an unknown intent is not created by update');
    check.equal(await o.get('conn-a', 'wi-never'), undefined, 'still unknown');
  });

  it('20 concurrent updates with one expected version: exactly one writes, and its intent is stored', async () => {
    const o = outboxOf(storage());
    const v1 = intentRow('conn-a', 'wi-race');
    await o.add(v1);
    const claims = Array.from({ length: 20 }, (_, i) => nextIntent(v1, { state: 'sending', sentAt: 2_000 + i, attempts: 1 }));
    const wrote = await Promise.all(claims.map((c) => o.update(c, 1)));
    check.equal(wrote.filter(Boolean).length, 1, 'one claimer wins');
    check.equal(await o.get('conn-a', 'wi-race'), claims[wrote.indexOf(true)], 'the winner is stored');
    check.equal(await o.listDue('conn-a', 10_000), [], 'a claimed intent is no longer due');
  });

  it('20 concurrent claims, each in its own transaction: exactly one commits a write', async () => {
    const s = storage();
    const v1 = intentRow('conn-a', 'wi-tx-race');
    await outboxOf(s).add(v1);
    const wrote = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.transaction((tx) => outboxOf(tx).update(nextIntent(v1, { state: 'sending', sentAt: 3_000 + i }), 1))),
    );
    check.equal(wrote.filter(Boolean).length, 1, 'one transaction wins');
    check.equal((await outboxOf(s).get('conn-a', 'wi-tx-race'))?.sentAt, 3_000 + wrote.indexOf(true), 'its intent is stored');
  });
}

function transactionAndFeedTests({ it, check, storage }: SuiteContext): void {
  it('inside a transaction: add, update and their write_transition events commit together, or not at all', async () => {
    const s = storage();
    const v1 = intentRow('conn-a', 'wi-tx');
    const failure = new Error('rollback');
    const error = await check.rejects(
      s.transaction(async (tx) => {
        await outboxOf(tx).add(v1);
        await tx.changes.append([transitionEvent(v1, null, 'approved')]);
        check.equal(await outboxOf(tx).get('conn-a', 'wi-tx'), v1, 'the transaction sees its own add');
        check.equal(await outboxOf(tx).update(nextIntent(v1, { state: 'sending' }), 1), true, 'and can update it');
        throw failure;
      }),
      'the transaction rejects',
    );
    check.ok(error === failure, 'with its own error');
    check.equal(await outboxOf(s).get('conn-a', 'wi-tx'), undefined, 'rollback leaves no intent');
    check.equal(await outboxOf(s).list('conn-a'), [], 'nor in list');
    check.equal((await s.changes.list('conn-a')).events, [], 'nor its change event');
    await s.transaction(async (tx) => {
      await outboxOf(tx).add(v1);
      await tx.changes.append([transitionEvent(v1, null, 'approved')]);
    });
    check.equal(await outboxOf(s).get('conn-a', 'wi-tx'), v1, 'a committed add is there');
    check.equal((await s.changes.list('conn-a')).events.length, 1, 'with its event');
  });

  it('write_transition events round trip through the change feed, in order, among other kinds', async () => {
    const s = storage();
    const v1 = intentRow('conn-a', 'wi-feed', { reason: 'Seats 10 → 12 ✓' });
    const v2 = nextIntent(v1, { state: 'sending' });
    const v3 = nextIntent(v2, { state: 'applied', outcome: { reason: 'Pax8 confirmed' } });
    const created = { ...transitionEvent(v1, null, 'approved'), runId: 'run-9', kind: 'created' as const, detail: { companyId: 'c-1' }, after: { quantity: 10 } };
    const events = [transitionEvent(v1, null, 'approved'), created, transitionEvent(v2, 'approved', 'sending'), transitionEvent(v3, 'sending', 'applied')];
    await outboxOf(s).add(v1);
    await s.changes.append(events.slice(0, 2));
    await s.transaction(async (tx) => {
      check.equal(await outboxOf(tx).update(v2, 1), true, 'claimed');
      await tx.changes.append([events[2]!]);
    });
    await s.changes.append([events[3]!]);
    const stored = (await s.changes.list('conn-a')).events.map(({ cursor: _cursor, ...e }) => e);
    check.equal(stored, events, 'stored as given: kind, runId write:<id>, detail, null before/after');
  });
}

function purgeTests({ it, check, storage, options }: SuiteContext): void {
  it('purgeConnection removes the connection\'s intents only', async () => {
    const s: Pax8SyncStorage = storage();
    for (const conn of ['conn-a', 'conn-b']) {
      await s.connections.put(connectionRow(conn));
      await outboxOf(s).add(intentRow(conn, `wi-${conn}`));
      await outboxOf(s).add(intentRow(conn, `wi-${conn}-due`, { dueAt: 1 }));
    }
    await s.purgeConnection('conn-a');
    check.equal(await outboxOf(s).list('conn-a'), [], 'intents purged');
    check.equal(await outboxOf(s).listDue('conn-a', 10), [], 'none due');
    check.equal(ids(await outboxOf(s).list('conn-b')), ['wi-conn-b', 'wi-conn-b-due'], 'the other connection keeps its intents');
    await outboxOf(s).add(intentRow('conn-a', 'wi-conn-a'));
    check.equal(ids(await outboxOf(s).list('conn-a')), ['wi-conn-a'], 'a purged id can be used again');
    if (options.raw) {
      await s.purgeConnection('conn-a');
      check.equal(await options.raw.rowsOfConnection(s, 'conn-a'), [], 'no raw row left');
    }
  });

  const raw = options.raw;
  if (raw) {
    it('raw read-back: an added intent is a stored row of its connection', async () => {
      const s = storage();
      await outboxOf(s).add(intentRow('conn-raw', 'wi-raw-7f3a', { reason: 'raw-reason-91c2' }));
      const dump = JSON.stringify(await raw.rowsOfConnection(s, 'conn-raw'));
      check.ok(dump.includes('wi-raw-7f3a') && dump.includes('raw-reason-91c2'), 'the intent row is the connection\'s');
    });
  }
}
