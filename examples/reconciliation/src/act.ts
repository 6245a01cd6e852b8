import { findingToBillingLine, findingToWriteRequest, type Pax8SyncStorage, type ReconcileBillingLine, type ReconcileFinding, type SyncEngine, type WriteIntent } from '@pax8-sync/core';
import { money, type Names, type Print } from './report';

/** The quantity change sent to Pax8, and the quantity synced back from Pax8 after it. */
export interface SeatsOrdered {
  /** The write intent, as it ended (`applied` once Pax8 confirmed it). */
  intent: WriteIntent;
  /** The subscription's quantity as the next sync stored it from Pax8. */
  syncedQuantity: number | undefined;
}

/**
 * Acts on a `seat-count-differs` finding where the PSA is right (it bills more seats than Pax8
 * charges: the customer asked for them and nobody ordered them): `findingToWriteRequest` →
 * `requestWrite` (waits for approval under the default policy) → `approveWrite` by a named person →
 * `sendDueWrites` (sent once, confirmed by reading Pax8 back), then a subscription sync stores what
 * Pax8 lists now. Prints each step.
 */
export async function orderTheSeats(engine: SyncEngine, storage: Pax8SyncStorage, finding: ReconcileFinding, print: Print): Promise<SeatsOrdered | undefined> {
  const request = findingToWriteRequest(finding, { requestedBy: 'reconciliation@psa', reason: `the PSA bills ${finding.psa?.quantity} seats: order them in Pax8` });
  if (!request) return undefined;
  const intent = await engine.requestWrite(request);
  print(`  requested: ${request.change.kind} ${finding.subscriptionId} -> ${finding.psa?.quantity} seats, ${intent.state} (by ${intent.requestedBy})`);
  await engine.approveWrite({ connectionId: finding.connectionId, intentId: intent.id, by: 'billing-manager@psa', reason: 'matches the customer\'s order' });
  print('  approved by billing-manager@psa');
  const sent = await engine.sendDueWrites({ connectionId: finding.connectionId });
  const done = await engine.getWrite(finding.connectionId, intent.id);
  print(`  sent: ${JSON.stringify(sent.counts)}; intent ${done.state}`);
  // Read Pax8 back over HTTP: the next subscription sync stores what Pax8 now lists.
  await engine.syncSubscriptions({ connectionId: finding.connectionId });
  const [stored] = await storage.subscriptions.getMany(finding.connectionId, [done.target.id]);
  print(`  synced back from Pax8: ${stored?.quantity} seats on ${done.target.id}`);
  return { intent: done, syncedQuantity: stored?.quantity };
}

/** Prints the PSA-side billing line of each finding that has one (`findingToBillingLine`). */
export function printBillingLines(findings: readonly ReconcileFinding[], names: Names, print: Print): ReconcileBillingLine[] {
  const lines: ReconcileBillingLine[] = [];
  for (const f of findings) {
    const line = findingToBillingLine(f);
    if (!line) {
      print(`  ${f.kind}: no billing line (a person decides), ${names.company(f.pax8CompanyId)} / ${names.product(f.productId)}`);
      continue;
    }
    lines.push(line);
    const what = line.action === 'stop' ? 'stop billing' : `${line.quantity} at ${line.unitPrice === null ? 'the PSA\'s price' : money(line.unitPrice, line.currency)}`;
    print(`  ${line.action} ${line.psaLineId ?? '(new line)'}: ${names.company(f.pax8CompanyId)} / ${names.product(f.productId)}, ${what}, ${line.state} (${f.kind})`);
  }
  return lines;
}
