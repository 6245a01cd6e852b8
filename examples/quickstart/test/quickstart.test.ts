import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPax8Simulator } from '@pax8-sync/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type QuickstartOptions } from '../src/main';
import { simulatedWorld } from '../src/simulated-pax8';

/** Runs main() in-process, capturing what it prints and the progress bar. */
async function runQuickstart(options: QuickstartOptions) {
  const lines: string[] = [];
  let progress = '';
  const result = await main({ ...options, print: (line) => lines.push(line), progress: { write: (text) => (progress += text), isTTY: false } });
  return { result, output: lines.join('\n'), progress };
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

  it('first run: verifies, syncs 40 companies, confirms the Quick Match suggestions, lists subscriptions Active/Inactive', async () => {
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
});

describe.each(storages)('pnpm quickstart with credentials from the environment (storage: $name)', (storage) => {
  it('reads only (token POST and GETs), and prints neither the client id nor the secret', async () => {
    const pax8 = createPax8Simulator({ seed: 99, companies: 12, subscriptions: 60, credentials: { clientId: 'env-client-id-4711', clientSecret: 'env-secret-do-not-print' } });
    const baseUrl = await pax8.listen();
    const dataDir = await mkdtemp(join(tmpdir(), 'pax8-quickstart-env-'));
    try {
      const env = { PAX8_CLIENT_ID: pax8.credentials.clientId, PAX8_CLIENT_SECRET: pax8.credentials.clientSecret, PAX8_BASE_URL: baseUrl, ...storage.env };
      const { result, output, progress } = await runQuickstart({ dataDir, env, schema: freshSchema() });
      expect(result.ok).toBe(true);
      expect(result.source).toBe('pax8');
      expect(output).toContain(`Pax8: ${baseUrl} with the credentials from PAX8_CLIENT_ID / PAX8_CLIENT_SECRET`);
      expect(output).toContain('Companies synced: 12 companies');
      const writes = pax8.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.url === `${baseUrl}/v1/token`));
      expect(pax8.requests.length).toBeGreaterThan(2);
      expect(writes).toEqual([]);
      expect(`${output}${progress}`).not.toContain('env-secret-do-not-print');
      expect(`${output}${progress}`).not.toContain('env-client-id-4711');
    } finally {
      await pax8.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a refused secret ends with "Connection NOT verified" and a reason, not a stack trace', async () => {
    const pax8 = createPax8Simulator({ seed: 5, companies: 2, subscriptions: 0 });
    const baseUrl = await pax8.listen();
    const dataDir = await mkdtemp(join(tmpdir(), 'pax8-quickstart-bad-'));
    try {
      const env = { PAX8_CLIENT_ID: pax8.credentials.clientId, PAX8_CLIENT_SECRET: 'wrong-secret-123', PAX8_BASE_URL: baseUrl, ...storage.env };
      const { result, output } = await runQuickstart({ dataDir, env, schema: freshSchema() });
      expect(result.ok).toBe(false);
      expect(output).toMatch(/^Connection NOT verified: bad credentials/m);
      expect(output).not.toContain('wrong-secret-123');
    } finally {
      await pax8.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
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
