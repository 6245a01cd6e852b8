/**
 * `pnpm quickstart`: connect, verify, sync companies, Quick Match, confirm, sync subscriptions,
 * print them with their PSA state and the change feed. Without Pax8 credentials it runs against the
 * Pax8 simulator; with PAX8_CLIENT_ID and PAX8_CLIENT_SECRET it reads (only reads) the real API.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChangeEvent, createSyncEngine, type MappingListItem, type SubscriptionRecord, type SuggestMappingsOptions, type SyncEngine } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { accountKey, type Pax8Source } from './account';
import { connectAccount } from './connect-account';
import { loadOrCreateKey, openDatabase, readState, writeState } from './database';
import { createProgressBar, type ProgressStream } from './progress-bar';
import { samplePsaCompanies } from './psa-companies';
import { printQuickMatch } from './quick-match-report';
import { describeChange, eventsToShow, type Print, printSubscriptions, summarizeChanges } from './report';
import { simulatedWorld, startSimulatedPax8 } from './simulated-pax8';
import { runSync, type SyncReport } from './sync-step';

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
  /** False when the connection could not be verified or a sync did not succeed. */
  ok: boolean;
  /** 1 for the first run of this account in this storage, then 2, 3, ... */
  run: number;
  /** `simulator` or `pax8`. */
  source: 'simulator' | 'pax8';
  /** The connection id (one per account: endpoint and client id). */
  connectionId: string;
  /** Pax8 companies stored for this connection. */
  companies: number;
  /** Mappings confirmed by this run. */
  confirmed: number;
  /** Subscriptions of mapped companies, by PSA state. */
  subscriptions: { active: number; inactive: number };
  /** Change events since the previous run (all events on the first run). */
  changes: ChangeEvent[];
  /** The outcome and flags of each sync this run made. */
  syncs: SyncReport[];
}

const DEFAULT_ENDPOINT = 'https://api.pax8.com';

async function psaCompaniesFrom(env: QuickstartOptions['env']): Promise<SuggestMappingsOptions['psaCompanies']> {
  const file = env?.PSA_COMPANIES_FILE;
  if (!file) return samplePsaCompanies;
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every((c) => typeof c?.id === 'string' && typeof c?.name === 'string')) {
    throw new Error(`PSA_COMPANIES_FILE (${file}) must hold a JSON array of { "id": string, "name": string }.`);
  }
  return parsed as SuggestMappingsOptions['psaCompanies'];
}

/** The real API when both credentials are set (read-only), else the simulator of run `run`. */
async function openPax8(env: NonNullable<QuickstartOptions['env']>, run: () => number, print: Print): Promise<{ source: Pax8Source; stop: () => Promise<void> }> {
  if (env.PAX8_CLIENT_ID && env.PAX8_CLIENT_SECRET) {
    const source: Pax8Source = { kind: 'pax8', baseUrl: env.PAX8_BASE_URL ?? DEFAULT_ENDPOINT, clientId: env.PAX8_CLIENT_ID, clientSecret: env.PAX8_CLIENT_SECRET };
    print(`Pax8: ${source.baseUrl} with the credentials from PAX8_CLIENT_ID / PAX8_CLIENT_SECRET (read-only: a Sandbox connection never changes anything in Pax8)`);
    return { source, stop: async () => undefined };
  }
  const { sim, baseUrl } = await startSimulatedPax8(run());
  print(`Pax8: simulator at ${baseUrl} (seed ${simulatedWorld.seed}; set PAX8_CLIENT_ID and PAX8_CLIENT_SECRET to read your real account instead)`);
  return { source: { kind: 'simulator', baseUrl, ...sim.credentials }, stop: () => sim.close() };
}

/** Every stored subscription of the connection, page by page. */
async function allSubscriptions(storage: PostgresStorage, connectionId: string): Promise<SubscriptionRecord[]> {
  const rows: SubscriptionRecord[] = [];
  for (let after: string | undefined; ; ) {
    const page = await storage.subscriptions.list(connectionId, { limit: 500, ...(after === undefined ? {} : { after }) });
    rows.push(...page.items);
    if (page.nextCursor === null) return rows;
    after = page.nextCursor;
  }
}

/** The change feed after `cursor`, to its end. */
async function changesSince(engine: SyncEngine, connectionId: string, cursor: string | null): Promise<{ events: ChangeEvent[]; cursor: string | null }> {
  const events: ChangeEvent[] = [];
  for (let after = cursor; ; ) {
    const page = await engine.listChanges(connectionId, { after, limit: 500 });
    events.push(...page.events);
    after = page.nextCursor;
    if (page.events.length < 500) return { events, cursor: after };
  }
}

/** What {@link printResults} needs. */
interface ResultsContext {
  engine: SyncEngine;
  storage: PostgresStorage;
  connectionId: string;
  psaCompanies: SuggestMappingsOptions['psaCompanies'];
  mapped: MappingListItem[];
  /** The cursor the account's previous run read the change feed up to (`null` on its first run). */
  since: string | null;
  run: number;
  print: Print;
  maxRows: number;
}

/** Prints the mapped subscriptions under their PSA company with their PSA state, then the change feed since the previous run. */
async function printResults(ctx: ResultsContext): Promise<{ subscriptions: { active: number; inactive: number }; changes: ChangeEvent[]; cursor: string | null }> {
  const { engine, connectionId, print } = ctx;
  const psaName = new Map(ctx.psaCompanies.map((p) => [p.id, p.name]));
  const psaOf = new Map(ctx.mapped.map((m) => [m.pax8CompanyId, psaName.get(m.mapping?.psaCompanyId ?? '') ?? m.pax8CompanyName]));
  const pax8Name = new Map((await engine.listMappings({ connectionId })).map((m) => [m.pax8CompanyId, m.pax8CompanyName]));
  const nameOf = (pax8CompanyId: string) => psaOf.get(pax8CompanyId) ?? pax8Name.get(pax8CompanyId) ?? pax8CompanyId;
  const subscriptions = printSubscriptions(print, await allSubscriptions(ctx.storage, connectionId), nameOf, ctx.maxRows);

  const { events: changes, cursor } = await changesSince(engine, connectionId, ctx.since);
  if (ctx.since === null) {
    print(`Change feed: ${changes.length} events so far (${summarizeChanges(changes).join(', ') || 'none'})`);
    print('Run it again to see what changed in Pax8 since this run.');
  } else {
    const shown = eventsToShow(changes);
    print(`What changed since run ${ctx.run - 1}: ${shown.length === 0 ? 'nothing' : `${shown.length} changes`}`);
    for (const event of shown) print(`  ${describeChange(event, nameOf)}`);
  }
  return { subscriptions, changes, cursor };
}

/** Runs the quickstart once. */
export async function main(options: QuickstartOptions = {}): Promise<QuickstartResult> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const dataDir = resolve(options.dataDir ?? '.pax8-sync');
  const schema = options.schema ?? 'pax8_sync';
  const maxRows = Number(env.QUICKSTART_ROWS ?? 20);

  const db = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL });
  let stopPax8: () => Promise<void> = async () => undefined;
  try {
    const storage = createPostgresStorage({ client: db.client, schema, encryptionKey: await loadOrCreateKey(dataDir, env.PAX8_SYNC_KEY) });
    await storage.migrate();
    // The account this run reads decides its connection: known before anything is created.
    const account = accountKey(
      env.PAX8_CLIENT_ID && env.PAX8_CLIENT_SECRET ? { kind: 'pax8', baseUrl: env.PAX8_BASE_URL ?? DEFAULT_ENDPOINT, clientId: env.PAX8_CLIENT_ID } : { kind: 'simulator', seed: simulatedWorld.seed },
    );
    const state = await readState(db, `${schema}_quickstart`, account, randomUUID);
    const run = state.runs + 1;
    print(`pax8-sync quickstart, run ${run} (storage: ${db.description})`);

    // 1. Where Pax8 is, and the account's own connection (created once, then reused).
    const pax8 = await openPax8(env, () => run, print);
    stopPax8 = pax8.stop;
    const engine = createSyncEngine({ storage, codec: storage.codec });
    const connection = await connectAccount({ engine, storage, connectionId: state.connectionId, source: pax8.source, print, startClean: db.startClean });
    const failed = (syncs: SyncReport[] = []): QuickstartResult => ({ ok: false, run, source: pax8.source.kind, connectionId: connection.id, companies: 0, confirmed: 0, subscriptions: { active: 0, inactive: 0 }, changes: [], syncs });
    const verified = await engine.verifyConnection(connection.id);
    if (!verified.ok) {
      print(`Connection NOT verified: ${verified.reason ?? 'unknown reason'}. See docs/troubleshooting.md.`);
      return failed();
    }
    print(`Connection verified (${verified.latencyMs} ms)`);

    // 2. Companies.
    const companySync = await runSync(print, 'companies', () => engine.syncCompanies({ connectionId: connection.id }), async (c) => {
      const stored = await storage.companies.count(connection.id);
      return `Companies synced: ${stored} companies (${c.created} new, ${c.updated} changed, ${c.removed} removed)`;
    });
    if (companySync.outcome === 'failed') return failed([companySync]);
    const companies = await storage.companies.count(connection.id);

    // 3. Quick Match against the PSA's company list, then "Save All".
    const psaCompanies = await psaCompaniesFrom(env);
    printQuickMatch(print, await engine.suggestMappings({ connectionId: connection.id, psaCompanies }), maxRows);
    const confirmed = await engine.confirmMappings({ connectionId: connection.id });
    const mapped = await engine.listMappings({ connectionId: connection.id, filter: 'mapped' });
    print(`Confirmed ${confirmed.length} suggestions; ${mapped.length} companies are mapped`);

    // 4. Subscriptions of the mapped companies, with a progress bar on stderr.
    const syncs = [companySync];
    if (mapped.length === 0) {
      print('No company is mapped, so no subscription was synced: map at least one company first (PSA_COMPANIES_FILE with your PSA company list lets Quick Match suggest them).');
    } else {
      const bar = createProgressBar(options.progress ?? process.stderr, 'Syncing subscriptions');
      const subscriptionSync = await runSync(
        print,
        'subscriptions',
        () => engine.syncSubscriptions({ connectionId: connection.id, pageSize: 50, onProgress: (p) => bar.update(p.pagesDone, p.pagesTotal) }).finally(() => bar.finish()),
        (s) => `Subscriptions synced: ${s.created} new, ${s.updated} changed, ${s.unchanged} unchanged, ${s.removed} removed, ${s.quarantined} quarantined`,
      );
      syncs.push(subscriptionSync);
      if (subscriptionSync.outcome === 'failed') return failed(syncs);
    }

    // 5 and 6. The mapped subscriptions with their PSA state, then the change feed.
    const { subscriptions, changes, cursor } = await printResults({ engine, storage, connectionId: connection.id, psaCompanies, mapped, since: state.cursor, run, print, maxRows });

    await writeState(db, `${schema}_quickstart`, { ...state, runs: run, cursor });
    print(`Run ${run} done: ${syncs.map((r) => `${r.entity} ${r.outcome}${r.flags.length > 0 ? ` (${r.flags.join(', ')})` : ''}`).join(', ')}`);
    return { ok: syncs.every((r) => r.outcome === 'succeeded'), run, source: pax8.source.kind, connectionId: connection.id, companies, confirmed: confirmed.length, subscriptions, changes, syncs };
  } finally {
    await stopPax8();
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
