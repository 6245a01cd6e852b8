import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type QuickstartOptions } from '../src/main';
import { samplePsaCompanies } from '../src/psa-companies';
import { simulatedWorld } from '../src/simulated-pax8';

/** Runs main() in-process, capturing what it prints and the progress bar. */
async function runQuickstart(options: QuickstartOptions) {
  const lines: string[] = [];
  let progress = '';
  const result = await main({ ...options, print: (line) => lines.push(line), progress: { write: (text) => (progress += text), isTTY: false } });
  return { result, output: lines.join('\n'), progress };
}

/** The indented lines under the line that starts with `header`. */
function section(output: string, header: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('  '));
  return lines.slice(start + 1, end < 0 ? undefined : end).map((line) => line.slice(2));
}

/** The Postgres server of the run, when the environment names one (`.ci/run` does). */
const serverUrl = process.env.PAX8_SYNC_TEST_DATABASE_URL;
/** Where the quickstart stores: PGlite in its data directory always, the server too when there is one. */
const storages: { name: string; env: Record<string, string> }[] = [
  { name: 'PGlite', env: {} },
  ...(serverUrl ? [{ name: 'the Postgres server (DATABASE_URL)', env: { DATABASE_URL: serverUrl } }] : []),
];

const schemas: string[] = [];
function freshSchema(): string {
  const schema = `pax8_qs_${process.pid}_${randomBytes(4).toString('hex')}`;
  schemas.push(schema);
  return schema;
}
afterAll(async () => {
  if (!serverUrl) return;
  const pool = new pg.Pool({ connectionString: serverUrl });
  for (const schema of schemas) {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}_quickstart" CASCADE`);
  }
  await pool.end();
});

// The simulator's credentials for the quickstart's seed: they must never be printed.

const simulatorSecret = createPax8Simulator(simulatedWorld).credentials.clientSecret;

describe('pnpm quickstart (simulator, PGlite in a temp directory)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pax8-quickstart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('first run: verifies, syncs 40 companies, shows Quick Match lowest score first with the unmatched of each side, confirms, lists subscriptions Active/Inactive', async () => {
    const { result, output, progress } = await runQuickstart({ dataDir, env: { QUICKSTART_ROWS: '1000' } });
    expect(result.ok).toBe(true);
    expect(result.run).toBe(1);
    expect(output).toMatch(/^Pax8: simulator at http:\/\/127\.0\.0\.1:\d+ /m);
    expect(output).toMatch(/^Created connection \S+ \(Sandbox\)$/m);
    expect(output).toMatch(/^Connection verified \(\d+ ms\)$/m);
    expect(output).toContain('Companies synced: 40 companies (40 new, 0 changed, 0 removed)');
    const confirmed = Number(/^Confirmed (\d+) suggestions; (\d+) companies are mapped$/m.exec(output)?.[1]);
    expect(confirmed).toBeGreaterThanOrEqual(30);
    expect(result.confirmed).toBe(confirmed);
    // Near-miss spellings were matched, e.g. "Harbour" for "HARBOR", "Dentl" for "Dental".
    expect(output).toMatch(/HARBOR DENTAL Group\s+<-> Harbour Dental Group/);
    expect(output).toMatch(/PSA companies left unmatched/);
    const { active, inactive } = result.subscriptions;
    expect(active).toBeGreaterThan(0);
    expect(inactive).toBeGreaterThan(0);
    expect(output).toContain(`Subscriptions of mapped companies: ${active + inactive} (${active} Active, ${inactive} Inactive)`);
    expect(output).toMatch(/ Active\s+-> Active$/m);
    expect(output).toMatch(/ (PendingManual|PendingAutomated|Cancelled|PendingCancel|WaitingForDetails)\s+-> Inactive$/m);
    expect(progress).toMatch(/^Syncing subscriptions \[#+\] (\d+)\/\1 pages$/m);
    expect(result.changes.filter((e) => e.entity === 'subscriptions' && e.kind === 'created')).toHaveLength(active + inactive);
    expect(output).toContain('Run it again to see what changed');
    expect(`${output}${progress}`).not.toContain(simulatorSecret);
    expect(output).toMatch(/^Companies synced: .*\n {2}Outcome: succeeded, no flags\.$/m);
    expect(output).toMatch(/^Subscriptions synced: .*\n {2}Outcome: succeeded, no flags\.$/m);
    expect(output).toMatch(/^Run 1 done: companies succeeded, subscriptions succeeded$/m);

    // Quick Match: the lowest scores first (what needs an eye), and every company of each side either suggested or named as unmatched.
    const suggestions = section(output, 'Suggestions, lowest score first').map((line) => {
      const [, score, pax8, psa] = /^(\d\.\d\d) {2}(.+?) +<-> (.+)$/.exec(line) ?? [];
      return { score: Number(score), pax8: pax8 ?? '', psa: psa ?? '' };
    });
    expect(suggestions.length).toBeGreaterThanOrEqual(30);
    const scores = suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores[0]).toBeLessThan(scores.at(-1) as number);
    const unmatched = (header: string) => section(output, header).map((line) => /^(.+) \((no .+ close enough|its best .+ went to another company)\)$/.exec(line)?.[1] ?? `unparsed: ${line}`);
    const pax8Unmatched = unmatched('Pax8 companies left unmatched');
    const psaUnmatched = unmatched('PSA companies left unmatched');
    expect(pax8Unmatched.length + psaUnmatched.length).toBeGreaterThan(0);
    const pax8Names = createPax8Simulator(simulatedWorld).world.companies.list().map((c) => c.name);
    expect([...suggestions.map((s) => s.pax8), ...pax8Unmatched].sort()).toEqual([...pax8Names].sort());
    expect([...suggestions.map((s) => s.psa), ...psaUnmatched].sort()).toEqual(samplePsaCompanies.map((c) => c.name).sort());
  });

  it('second run: reuses the connection and shows exactly what changed in Pax8 since the first run', async () => {
    const { result, output } = await runQuickstart({ dataDir, env: {} });
    expect(result.ok).toBe(true);
    expect(result.run).toBe(2);
    expect(output).toMatch(/^Reusing connection \S+ \(Sandbox\)$/m);
    expect(output).toContain('Companies synced: 41 companies (1 new, 0 changed, 0 removed)');
    expect(output).toContain('Confirmed 0 suggestions');
    expect(output).toContain('What changed since run 1: 5 changes');
    expect(output).toMatch(/^ {2}company created: New Customer 2 LLC /m);
    expect(output).toMatch(/^ {2}quantity changed: +.+, (\d+) -> (\d+)$/m);
    expect(output).toMatch(/^ {2}status changed: +.+, \w+ \((Active|Inactive)\) -> \w+ \((Active|Inactive)\)$/m);
    expect(output).toMatch(/^ {2}new subscription: +.+, qty 3, Active$/m);
    expect(output).toMatch(/^ {2}subscription removed: +.+ \(Pax8 no longer lists it\)$/m);
    expect(result.changes.map((e) => `${e.entity}:${e.kind}`).sort()).toEqual(
      ['companies:created', 'subscriptions:created', 'subscriptions:quantity_changed', 'subscriptions:removed', 'subscriptions:status_changed', 'subscriptions:updated', 'subscriptions:updated'].sort(),
    );
    expect(output).not.toContain(simulatorSecret);
  });

  it('another endpoint or client id in the same storage gets its own connection and data, never the simulator\'s', async () => {
    const simulatorConnection = (await runQuickstart({ dataDir, env: {} })).result.connectionId;
    const other = createPax8Simulator({ seed: 99, companies: 12, subscriptions: 60, credentials: { clientId: 'other-account-id', clientSecret: 'other-account-secret' } });
    const baseUrl = await other.listen();
    try {
      const env = { PAX8_CLIENT_ID: 'other-account-id', PAX8_CLIENT_SECRET: 'other-account-secret', PAX8_BASE_URL: baseUrl };
      const first = await runQuickstart({ dataDir, env });
      expect(first.result.connectionId).not.toBe(simulatorConnection);
      expect(first.result.run).toBe(1);
      expect(first.output).toMatch(/^Created connection \S+ \(Sandbox\)$/m);
      expect(first.output).toMatch(/^This storage also holds 1 other connection\(s\) \(Pax8 simulator \(quickstart\)\): another endpoint or client id, so their companies, mappings and subscriptions are kept apart/m);
      expect(first.output).toContain('Companies synced: 12 companies (12 new, 0 changed, 0 removed)');
      expect(first.result.syncs.flatMap((r) => r.flags)).toEqual([]);
      expect(first.result.companies).toBe(12);
      // Every row it shows is the other account's: its 12 companies, its subscriptions, nothing of the simulator's 40.
      const created = (entity: string) => first.result.changes.filter((e) => e.entity === entity && e.kind === 'created').map((e) => e.entityId);
      expect(created('companies').sort()).toEqual(other.world.companies.ids().sort());
      const otherSubscriptions = new Set(other.world.subscriptions.ids());
      expect(created('subscriptions').length).toBe(first.result.subscriptions.active + first.result.subscriptions.inactive);
      expect(created('subscriptions').filter((id) => !otherSubscriptions.has(id))).toEqual([]);
      expect(first.result.changes.every((e) => e.connectionId === first.result.connectionId)).toBe(true);

      // A new secret for the same client id and endpoint is the same account: the same connection
      // (refused here, as the simulator knows the old secret).
      const rotated = await runQuickstart({ dataDir, env: { ...env, PAX8_CLIENT_SECRET: 'a-rotated-secret' } });
      expect(rotated.result.connectionId).toBe(first.result.connectionId);
      expect(rotated.output).toMatch(/^Reusing connection \S+ \(Sandbox\)$/m);
      expect(rotated.output).toMatch(/^Connection NOT verified: bad credentials/m);

      // Another client id on the same endpoint: another account, so another connection (its data stays apart too).
      const third = await runQuickstart({ dataDir, env: { ...env, PAX8_CLIENT_ID: 'a-third-client-id' } });
      expect(third.result.connectionId).not.toBe(first.result.connectionId);
      expect(third.result.connectionId).not.toBe(simulatorConnection);
      expect(third.output).toMatch(/^This storage also holds 2 other connection\(s\)/m);
    } finally {
      await other.close();
    }
    // Back on the simulator: its own connection and its own feed, as if nothing else had run.
    const back = await runQuickstart({ dataDir, env: {} });
    expect(back.result.connectionId).toBe(simulatorConnection);
    expect(back.output).toMatch(new RegExp(`^Reusing connection ${simulatorConnection} `, 'm'));
    expect(back.output).toContain('What changed since run 3: 5 changes');
    expect(back.result.syncs.flatMap((r) => r.flags)).toEqual([]);
  });
});

/** A simulated partner account on loopback, a fresh data directory and schema, and the environment that points the quickstart at it. */
interface Account {
  pax8: Pax8Simulator;
  baseUrl: string;
  dataDir: string;
  schema: string;
  env: Record<string, string>;
}

/** Runs `fn` with an {@link Account} on the given storage, then stops the simulator and deletes the data directory. */
async function withAccount(world: Parameters<typeof createPax8Simulator>[0], storageEnv: Record<string, string>, fn: (account: Account) => Promise<void>): Promise<void> {
  const pax8 = createPax8Simulator(world);
  const baseUrl = await pax8.listen();
  const dataDir = await mkdtemp(join(tmpdir(), 'pax8-quickstart-account-'));
  try {
    const env = { PAX8_CLIENT_ID: pax8.credentials.clientId, PAX8_CLIENT_SECRET: pax8.credentials.clientSecret, PAX8_BASE_URL: baseUrl, ...storageEnv };
    await fn({ pax8, baseUrl, dataDir, schema: freshSchema(), env });
  } finally {
    await pax8.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe.each(storages)('pnpm quickstart with credentials from the environment (storage: $name)', (storage) => {
  it('reads only (token POST and GETs), and prints neither the client id nor the secret', () =>
    withAccount({ seed: 99, companies: 12, subscriptions: 60, credentials: { clientId: 'env-client-id-4711', clientSecret: 'env-secret-do-not-print' } }, storage.env, async ({ pax8, baseUrl, dataDir, schema, env }) => {
      const { result, output, progress } = await runQuickstart({ dataDir, env, schema });
      expect(result.ok).toBe(true);
      expect(result.source).toBe('pax8');
      expect(output).toContain(`Pax8: ${baseUrl} with the credentials from PAX8_CLIENT_ID / PAX8_CLIENT_SECRET`);
      expect(output).toContain('Companies synced: 12 companies');
      const writes = pax8.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.url === `${baseUrl}/v1/token`));
      expect(pax8.requests.length).toBeGreaterThan(2);
      expect(writes).toEqual([]);
      expect(`${output}${progress}`).not.toContain('env-secret-do-not-print');
      expect(`${output}${progress}`).not.toContain('env-client-id-4711');
    }));

  it('a first run interrupted right after creating the connection, then a refused secret, leave no second connection behind', () =>
    withAccount({ seed: 7, companies: 4, subscriptions: 10 }, storage.env, async ({ dataDir, schema, env }) => {
      let created = '';
      // Stopped (as by Ctrl-C) at the first moment the connection exists: when it says so.
      const print = (line: string) => {
        if (!line.startsWith('Created connection')) return;
        created = line.split(' ')[2] ?? '';
        throw new Error('interrupted');
      };
      await expect(main({ dataDir, env, schema, print, progress: { write: () => true, isTTY: false } })).rejects.toThrow('interrupted');
      expect(created).not.toBe('');
      const refused = await runQuickstart({ dataDir, env: { ...env, PAX8_CLIENT_SECRET: 'a-wrong-secret' }, schema });
      expect(refused.result).toMatchObject({ ok: false, connectionId: created, run: 1 });
      expect(refused.output).toMatch(new RegExp(`^Reusing connection ${created} `, 'm'));
      const next = await runQuickstart({ dataDir, env, schema });
      expect(next.result).toMatchObject({ ok: true, connectionId: created, run: 1 });
      expect(next.output).toMatch(new RegExp(`^Reusing connection ${created} `, 'm'));
      expect(next.output).not.toMatch(/other connection/);
    }));

  it('a run that trips the mass-deletion breaker says so in words: what it means and what to do', () =>
    withAccount({ seed: 11, companies: 10, subscriptions: 20 }, storage.env, async ({ pax8, dataDir, schema, env }) => {
      expect((await runQuickstart({ dataDir, env, schema })).result.ok).toBe(true);
      for (const id of pax8.world.companies.ids().slice(0, 8)) pax8.world.companies.remove(id);
      const { result, output } = await runQuickstart({ dataDir, env, schema });
      expect(result.ok).toBe(false);
      expect(result.syncs[0]).toMatchObject({ entity: 'companies', outcome: 'flagged', flags: ['mass-deletion-breaker'] });
      expect(output).toMatch(/^ {2}Outcome: flagged: what Pax8 listed was stored, nothing was removed\./m);
      expect(output).toMatch(/^ {4}flag mass-deletion-breaker: Pax8 listed far fewer companies than this connection stores.* What to do: check the account in Pax8; if the removals are real, sync once with a higher massDeletionThreshold\./m);
      expect(output).toMatch(/^Run 2 done: companies flagged \(mass-deletion-breaker\)/m);
    }));

  it('a refused secret ends with "Connection NOT verified" and a reason, not a stack trace', () =>
    withAccount({ seed: 5, companies: 2, subscriptions: 0 }, storage.env, async ({ dataDir, schema, env }) => {
      const { result, output } = await runQuickstart({ dataDir, env: { ...env, PAX8_CLIENT_SECRET: 'wrong-secret-123' }, schema });
      expect(result.ok).toBe(false);
      expect(output).toMatch(/^Connection NOT verified: bad credentials/m);
      expect(output).not.toContain('wrong-secret-123');
    }));
});

describe.each(storages)('pnpm quickstart in another schema (storage: $name)', (storage) => {
  const schema = freshSchema();
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pax8-quickstart-pg-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores there and shows the changes on the second run', async () => {
    const env = storage.env;
    const first = await runQuickstart({ dataDir, env, schema });
    expect(first.result.ok).toBe(true);
    expect(first.output).toMatch(storage.env.DATABASE_URL ? /storage: Postgres / : /storage: PGlite /);
    const second = await runQuickstart({ dataDir, env, schema });
    expect(second.output).toContain('What changed since run 1: 5 changes');
  });
});
