/**
 * `pnpm reconciliation`: a month's billing reconciliation against the Pax8 simulator on loopback,
 * stored in PGlite. Syncs companies (mapped through Quick Match), subscriptions and the month's
 * invoices, builds the PSA's billing lines from a fixture that differs on purpose, reconciles, prints
 * every finding in a table with the money at stake per currency, then acts on findings.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectRecords, type InvoiceItemRecord, type ReconcileBillingLine, type ReconcileFinding, type ReconcileSummary, type SyncResult } from '@pax8-sync/core';
import { orderTheSeats, printBillingLines, type SeatsOrdered } from './act';
import type { Pax8ScriptedDiscrepancy } from '@pax8-sync/testing';
import { eligibleSubscriptions, type PlantedDifference, pickSubscriptions, plantInPax8, psaMistakesOf } from './differences';
import { type IssuedBilling, issuedItems, issuedSubscriptionIds, printIssued } from './issued-billing';
import { invoicedItems, psaBillingLines, psaCompanyOf } from './psa-billing';
import { findingRow, type Names, type Print, tableHeader, totalLine } from './report';
import { NOW, openTenant, PERIOD, simulatedWorld, type Tenant } from './tenant';

/** Options of {@link main}. */
export interface ReconciliationOptions {
  /** Prints one line; default to stdout. */
  print?: Print;
  /** A Postgres server to store into (a fresh schema, dropped at the end); default `DATABASE_URL`, else PGlite in memory. */
  databaseUrl?: string | undefined;
}

/** What the run found and did (the test reads it; the output says the same). */
export interface ReconciliationResult {
  /** The month reconciled. */
  period: string;
  /** The differences planted, with the subscription each is on. */
  planted: PlantedDifference[];
  /** Every finding, in the order printed. */
  findings: ReconcileFinding[];
  /** The pass's summary (money at stake per company and currency). */
  summary: ReconcileSummary;
  /** What the simulator scripted, with the facts it now serves (e.g. the price set below cost). */
  scripted: Pax8ScriptedDiscrepancy[];
  /** The quantity change sent to Pax8 through approval, and the quantity synced back. */
  seats: SeatsOrdered | undefined;
  /** The PSA-side billing lines of the findings. */
  billingLines: ReconcileBillingLine[];
  /** The prorate, credit and annual lines the simulator issued as Pax8 does (no difference in themselves). */
  issued: IssuedBilling;
  /** Their final items as synced after the differences were planted (what the reconciliation read). */
  issuedLines: InvoiceItemRecord[];
}

const ran = (what: string, result: SyncResult): void => {
  if (result.outcome !== 'succeeded') throw new Error(`${what} ended ${result.outcome}${'error' in result && result.error ? `: ${result.error}` : ''}`);
};

/** Company names from storage, product names from the synced subscriptions. */
async function namesOf(tenant: Tenant): Promise<Names> {
  const { storage, connectionId } = tenant;
  const companies = new Map((await collectRecords(storage.companies, connectionId)).map((c) => [c.id, c.name]));
  const products = new Map<string, string>();
  for (const s of await collectRecords(storage.subscriptions, connectionId, { includeRemoved: true })) if (typeof s.data.productName === 'string') products.set(s.productId, s.data.productName);
  return { company: (id) => companies.get(id) ?? id, product: (id) => products.get(id) ?? id };
}

/** Syncs subscriptions, then the month's invoices, items, draft items and usage. */
async function syncBilling(tenant: Tenant): Promise<void> {
  ran('syncSubscriptions', await tenant.engine.syncSubscriptions({ connectionId: tenant.connectionId }));
  ran('syncInvoices', await tenant.engine.syncInvoices({ connectionId: tenant.connectionId, period: PERIOD }));
}

/** Runs the whole example; see the module comment. */
export async function main(options: ReconciliationOptions = {}): Promise<ReconciliationResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const tenant = await openTenant({ databaseUrl: 'databaseUrl' in options ? options.databaseUrl : process.env.DATABASE_URL });
  const { sim, storage, engine, connectionId } = tenant;
  try {
    print(`Pax8: simulator at ${tenant.baseUrl} (seed ${simulatedWorld.seed}, its clock at ${new Date(NOW).toISOString()}); storage: ${tenant.storedIn}`);
    const mapped = await psaCompanyOf(storage, connectionId);
    print(`Companies synced and mapped through Quick Match: ${mapped.size}`);
    await syncBilling(tenant);

    // The PSA set its lines up from what Pax8 invoiced; then things drifted apart on both sides.
    const items = await invoicedItems(storage, connectionId, PERIOD);
    printIssued(tenant.issued, items, print);
    const prorated = (await storage.subscriptions.getMany(connectionId, [tenant.issued.prorate.subscriptionId]))[0];
    if (!prorated) throw new Error(`the prorated subscription ${tenant.issued.prorate.subscriptionId} was not synced`);
    const planted = pickSubscriptions(await eligibleSubscriptions(storage, connectionId, items, NOW, issuedSubscriptionIds(tenant.issued)), prorated);
    const psaLines = psaBillingLines(items, mapped, psaMistakesOf(planted));
    print(`PSA billing for ${PERIOD}: ${psaLines.length} lines`);
    plantInPax8(sim, planted, PERIOD);
    print('Differences planted:');
    for (const p of planted) print(`  ${p.name.padEnd(27)} ${p.subscription.id}: ${p.says}`);
    await syncBilling(tenant);

    const issuedLines = issuedItems(tenant.issued, await invoicedItems(storage, connectionId, PERIOD));
    const names = await namesOf(tenant);
    const pass = engine.reconcile({ connectionId, period: PERIOD, psaLines });
    const findings: ReconcileFinding[] = [];
    print('');
    print(`Reconciliation ${PERIOD}`);
    print(tableHeader);
    for await (const f of pass.findings) {
      findings.push(f);
      print(findingRow(f, names));
    }
    const summary = await pass.summary();
    print(totalLine(summary));

    print('');
    print('Acting on a finding: the PSA bills seats Pax8 does not charge, so order them (through approval)');
    const seats = findings.find((f) => f.kind === 'seat-count-differs' && f.psa && f.pax8 && f.psa.quantity > f.pax8.quantity);
    const ordered = seats ? await orderTheSeats(engine, storage, seats, print) : undefined;
    print('Billing lines that settle the rest on the PSA side (findingToBillingLine):');
    const billingLines = printBillingLines(findings.filter((f) => f !== seats), names, print);
    return { period: PERIOD, planted, scripted: sim.billing.discrepancies, findings, summary, seats: ordered, billingLines, issued: tenant.issued, issuedLines };
  } finally {
    await tenant.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`reconciliation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
