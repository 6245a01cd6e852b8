/**
 * The PSA side of bench/reconcile.ts: `psaLines` in the function form, asked per PSA company as the
 * pass reaches it, so nothing of the tenant is held (memory stays flat). It reads the company's
 * synced invoice items of the month (as a PSA reads its own billing table) and bills them, with
 * differences: every 7th company forgets its first line, every 11th bills one seat more on its last.
 */
import { iterateRecords, type Pax8SyncStorage, type PsaBillingLine } from '@pax8-sync/core';

/** The PSA company id the bench maps each Pax8 company to (`connectAndMap`: `psa-<pax8 id>`). */
const pax8IdOf = (psaCompanyId: string) => psaCompanyId.slice('psa-'.length);

/** A stable small number from an id, to pick the companies that differ. */
function bucket(id: string, mod: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i += 1) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % mod;
}

/** The function form of `psaLines` for the bench's tenant (see the module comment). */
export function benchPsaLines(storage: Pax8SyncStorage, connectionId: string, period: string): (psaCompanyId: string) => Promise<PsaBillingLine[]> {
  const billing = storage.billing;
  if (!billing) throw new Error('the storage has no billing stores');
  return async (psaCompanyId) => {
    const companyId = pax8IdOf(psaCompanyId);
    const lines: PsaBillingLine[] = [];
    for await (const item of iterateRecords(billing.invoiceItems, connectionId, { companyIds: [companyId], limit: 500 })) {
      if (item.invoiceId === null || item.period !== period || !item.productId) continue;
      lines.push({ psaCompanyId, pax8ProductId: item.productId, ...(item.subscriptionId ? { pax8SubscriptionId: item.subscriptionId } : {}), quantity: item.quantity, unitPrice: item.price, currency: item.currencyCode });
    }
    if (bucket(companyId, 7) === 0) lines.shift();
    const last = lines.at(-1);
    if (last && bucket(companyId, 11) === 0) lines[lines.length - 1] = { ...last, quantity: last.quantity + 1 };
    return lines;
  };
}
