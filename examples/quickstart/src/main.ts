/**
 * `pnpm quickstart`: connect, verify, sync companies, Quick Match, confirm, sync subscriptions,
 * print them with their PSA state and the change feed. Without Pax8 credentials it runs against the
 * Pax8 simulator; with PAX8_CLIENT_ID and PAX8_CLIENT_SECRET it reads (only reads) the real API.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ChangeEvent,
  createSyncEngine,
  type SubscriptionRecord,
  type SuggestMappingsOptions,
  type SyncResult,
} from '@pax8-sync/core';
import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import { loadOrCreateKey, openDatabase, readState, writeState } from './database';
import { createProgressBar, type ProgressStream } from './progress-bar';
import { samplePsaCompanies } from './psa-companies';
import { describeChange, eventsToShow, printSubscriptions, summarizeChanges } from './report';
import { simulatedWorld, startSimulatedPax8 } from './simulated-pax8';

/** Options of {@link main}; everything defaults to the process (cwd, env, stdout, stderr). */
export interface QuickstartOptions {
  /** Where PGlite data and the generated key live; default `./.pax8-sync`. */
  dataDir?: string;
  /** Environment to read `PAX8_CLIENT_ID`, `PAX8_CLIENT_SECRET`, `PAX8_BASE_URL`, `DATABASE_URL`, `PAX8_SYNC_KEY`, `PSA_COMPANIES_FILE`, `QUICKSTART_ROWS` from; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Prints one line of the report; default to stdout. */
  print?: (line: string) => void;
  /** Where the progress bar goes; default stderr. */
  progress?: ProgressStream;
  /** Schema for the pax8-sync tables; default `pax8_sync` (the quickstart's own table goes to `<schema>_quickstart`). */
  schema?: string;
}

/** What one run did (the test reads it; the output says the same). */
export interface QuickstartResult {
  /** False when the connection could not be verified or a sync failed. */
  ok: boolean;
  /** 1 for the first run in this data directory, then 2, 3, ... */
  run: number;
  /** `simulator` or `pax8`. */
  source: 'simulator' | 'pax8';
  /** The connection id. */
  connectionId: string;
  /** Pax8 companies stored. */
  companies: number;
  /** Mappings confirmed by this run. */
  confirmed: number;
  /** Subscriptions of mapped companies, by PSA state. */
  subscriptions: { active: number; inactive: number };
  /** Change events since the previous run (all events on the first run). */
  changes: ChangeEvent[];
}

async function psaCompaniesFrom(env: QuickstartOptions['env']): Promise<SuggestMappingsOptions['psaCompanies']> {
  const file = env?.PSA_COMPANIES_FILE;
  if (!file) return samplePsaCompanies;
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every((c) => typeof c?.id === 'string' && typeof c?.name === 'string')) {
    throw new Error(`PSA_COMPANIES_FILE (${file}) must hold a JSON array of { "id": string, "name": string }.`);
  }
  return parsed as SuggestMappingsOptions['psaCompanies'];
}

function ran(result: SyncResult, what: string): asserts result is Extract<SyncResult, { runId: string }> {
  if (result.outcome === 'already-running') throw new Error(`${what}: another process is syncing this connection right now (lease held until ${new Date(result.leaseExpiresAt).toISOString()}).`);
  if (result.outcome === 'dry-run') throw new Error(`${what}: unexpected dry run`);
}

/** Runs the quickstart once. */
export async function main(options: QuickstartOptions = {}): Promise<QuickstartResult> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const progress = options.progress ?? process.stderr;
  const dataDir = resolve(options.dataDir ?? '.pax8-sync');
  const schema = options.schema ?? 'pax8_sync';
  const maxRows = Number(env.QUICKSTART_ROWS ?? 20);

  const db = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL });
  let stopSimulator: () => Promise<void> = async () => undefined;
  try {
    const storage = createPostgresStorage({ client: db.client, schema, encryptionKey: await loadOrCreateKey(dataDir, env.PAX8_SYNC_KEY) });
    await storage.migrate();
    const state = await readState(db, `${schema}_quickstart`);
    const run = state.runs + 1;
    print(`pax8-sync quickstart, run ${run} (storage: ${db.description})`);

    // 1. Where Pax8 is: the real API (read-only) or the simulator.
    const real = Boolean(env.PAX8_CLIENT_ID && env.PAX8_CLIENT_SECRET);
    let pax8: { baseUrl: string; clientId: string; clientSecret: string };
    if (real) {
      pax8 = { baseUrl: env.PAX8_BASE_URL ?? 'https://api.pax8.com', clientId: env.PAX8_CLIENT_ID as string, clientSecret: env.PAX8_CLIENT_SECRET as string };
      print(`Pax8: ${pax8.baseUrl} with the credentials from PAX8_CLIENT_ID / PAX8_CLIENT_SECRET (read-only: a Sandbox connection never changes anything in Pax8)`);
    } else {
      const { sim, baseUrl } = await startSimulatedPax8(run);
      stopSimulator = () => sim.close();
      pax8 = { baseUrl, ...sim.credentials };
      print(`Pax8: simulator at ${baseUrl} (seed ${simulatedWorld.seed}; set PAX8_CLIENT_ID and PAX8_CLIENT_SECRET to read your real account instead)`);
    }

    // 2. The connection: created once, then reused (its endpoint and credentials kept up to date).
    const engine = createSyncEngine({ storage, codec: storage.codec });
    const existing = state.connectionId ? await storage.connections.get(state.connectionId) : undefined;
    const connection = existing
      ? await engine.updateConnection(existing.id, pax8)
      : await engine.createConnection({ name: real ? 'Pax8 (quickstart)' : 'Pax8 simulator (quickstart)', environment: 'Sandbox', country: 'US', currency: 'USD', ...pax8 });
    print(`${existing ? 'Reusing' : 'Created'} connection ${connection.id} (${connection.environment})`);
    const verified = await engine.verifyConnection(connection.id);
    if (!verified.ok) {
      print(`Connection NOT verified: ${verified.reason ?? 'unknown reason'}. See docs/troubleshooting.md.`);
      return { ok: false, run, source: real ? 'pax8' : 'simulator', connectionId: connection.id, companies: 0, confirmed: 0, subscriptions: { active: 0, inactive: 0 }, changes: [] };
    }
    print(`Connection verified (${verified.latencyMs} ms)`);

    // 3. Companies.
    const companySync = await engine.syncCompanies({ connectionId: connection.id });
    ran(companySync, 'syncCompanies');
    if (companySync.outcome === 'failed') throw new Error(`syncCompanies failed: ${companySync.error}`);
    const companies = await storage.companies.count(connection.id);
    const c = companySync.counts;
    print(`Companies synced: ${companies} companies (${c.created} new, ${c.updated} changed, ${c.removed} removed)`);

    // 4. Quick Match against the PSA's company list, then "Save All".
    const psaCompanies = await psaCompaniesFrom(env);
    const suggested = await engine.suggestMappings({ connectionId: connection.id, psaCompanies });
    print(`Quick Match: ${suggested.suggestions.length} suggestions, ${suggested.unmatchedPax8.length} Pax8 companies and ${suggested.unmatchedPsa.length} PSA companies left unmatched`);
    for (const s of suggested.suggestions.slice(0, maxRows)) print(`  ${s.score.toFixed(2)}  ${s.pax8Name.padEnd(32)} <-> ${s.psaName}`);
    if (suggested.suggestions.length > maxRows) print(`  ... and ${suggested.suggestions.length - maxRows} more`);
    const confirmed = await engine.confirmMappings({ connectionId: connection.id });
    const mapped = await engine.listMappings({ connectionId: connection.id, filter: 'mapped' });
    print(`Confirmed ${confirmed.length} suggestions; ${mapped.length} companies are mapped`);

    // 5. Subscriptions of the mapped companies, with a progress bar on stderr.
    const bar = createProgressBar(progress, 'Syncing subscriptions');
    const subscriptionSync = await engine.syncSubscriptions({ connectionId: connection.id, pageSize: 50, onProgress: (p) => bar.update(p.pagesDone, p.pagesTotal) });
    bar.finish();
    ran(subscriptionSync, 'syncSubscriptions');
    if (subscriptionSync.outcome === 'failed') throw new Error(`syncSubscriptions failed: ${subscriptionSync.error}`);
    const s = subscriptionSync.counts;
    print(`Subscriptions synced: ${s.created} new, ${s.updated} changed, ${s.unchanged} unchanged, ${s.removed} removed, ${s.quarantined} quarantined`);

    // 6. The mapped subscriptions with their PSA state.
    const psaName = new Map(psaCompanies.map((p) => [p.id, p.name]));
    const psaOf = new Map(mapped.map((m) => [m.pax8CompanyId, psaName.get(m.mapping?.psaCompanyId ?? '') ?? m.pax8CompanyName]));
    const pax8Name = new Map((await engine.listMappings({ connectionId: connection.id })).map((m) => [m.pax8CompanyId, m.pax8CompanyName]));
    const nameOf = (pax8CompanyId: string) => psaOf.get(pax8CompanyId) ?? pax8Name.get(pax8CompanyId) ?? pax8CompanyId;
    const rows: SubscriptionRecord[] = [];
    for (let after: string | undefined; ; ) {
      const page = await storage.subscriptions.list(connection.id, { limit: 500, ...(after === undefined ? {} : { after }) });
      rows.push(...page.items);
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    const subscriptions = printSubscriptions(print, rows, nameOf, maxRows);

    // 7. The change feed, from the cursor the previous run stopped at.
    const changes: ChangeEvent[] = [];
    let cursor = state.cursor;
    for (;;) {
      const page = await engine.listChanges(connection.id, { after: cursor, limit: 500 });
      changes.push(...page.events);
      cursor = page.nextCursor;
      if (page.events.length < 500) break;
    }
    if (state.cursor === null) {
      print(`Change feed: ${changes.length} events so far (${summarizeChanges(changes).join(', ') || 'none'})`);
      print('Run it again to see what changed in Pax8 since this run.');
    } else {
      const shown = eventsToShow(changes);
      print(`What changed since run ${run - 1}: ${shown.length === 0 ? 'nothing' : `${shown.length} changes`}`);
      for (const event of shown) print(`  ${describeChange(event, nameOf)}`);
    }

    await writeState(db, `${schema}_quickstart`, { runs: run, connectionId: connection.id, cursor });
    return { ok: true, run, source: real ? 'pax8' : 'simulator', connectionId: connection.id, companies, confirmed: confirmed.length, subscriptions, changes };
  } finally {
    await stopSimulator();
    await db.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().then(
    (result) => {
      process.exitCode = result.ok ? 0 : 1;
    },
    (error: unknown) => {
      process.stderr.write(`quickstart failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
