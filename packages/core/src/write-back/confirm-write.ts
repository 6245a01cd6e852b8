import type { Pax8Client } from '@pax8-sync/client';
import type { StatusMapperSettings } from '@pax8-sync/status';
import type { CompleteSyncLogger } from '../engine/logger';
import type { Pax8SyncStorage } from '../storage/storage';
import type { StoredWriteIntent } from '../storage/outbox';
import type { SyncedRecordBase } from '../storage/records';
import { diffPage } from '../sync/diff-page';
import { companySpec, type EntitySpec, subscriptionSpec } from '../sync/entity-specs';
import { preparePage } from '../sync/prepare-page';
import { failureText } from './refusal-text';

/** What confirmation needs. @internal */
export interface ConfirmContext {
  storage: Pax8SyncStorage;
  client: Pax8Client;
  log: CompleteSyncLogger;
  now: () => number;
  statusMapping?: StatusMapperSettings;
}

/** Stores one record as Pax8 shows it now, with the normal diff and its change events (run id `write:<intent>`). */
async function storeRecord<R extends SyncedRecordBase>(ctx: ConfirmContext, spec: EntitySpec<R>, intent: StoredWriteIntent, record: unknown): Promise<void> {
  const now = ctx.now();
  const runId = `write:${intent.id}`;
  const page = { content: [record], page: { size: 1, totalElements: 1, totalPages: 1, number: 0 } };
  const prepared = preparePage(spec, page, { connectionId: intent.connectionId, entity: spec.entity, runId, now, pageNumber: 0, keep: () => true });
  const valid = prepared.valid[0];
  if (!valid) return;
  const [stored] = await spec.store(ctx.storage).getMany(intent.connectionId, [valid.id]);
  const work = diffPage(prepared, (id) => (id === stored?.id ? stored : undefined), { connectionId: intent.connectionId, entity: spec.entity, runId, now });
  if (work.rows.length === 0) return;
  await ctx.storage.transaction(async (tx) => {
    await spec.store(tx).upsertMany(work.rows.map((r) => r.row));
    await tx.changes.append(work.rows.flatMap((r) => r.events));
  });
}

async function subscriptionsOfMappedCompany(ctx: ConfirmContext, intent: StoredWriteIntent): Promise<string[]> {
  const mapping = await ctx.storage.mappings.get(intent.connectionId, intent.target.id);
  const ids = intent.outcome?.subscriptionIds;
  return mapping?.state === 'confirmed' && Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * After an intent was applied, re-reads its target in Pax8 and stores it (record store, normal
 * diff, change events), so the feed shows Pax8's confirmed state: the subscription, the new company,
 * or the subscriptions a new order made for a mapped company. Best effort: a failed read is logged
 * and the next sync stores the change. @internal
 */
export async function confirmWrite(ctx: ConfirmContext, intent: StoredWriteIntent): Promise<void> {
  try {
    if (intent.target.entity === 'subscriptions') {
      await storeRecord(ctx, subscriptionSpec(ctx.statusMapping), intent, await ctx.client.subscriptions.get(intent.target.id));
    } else if (intent.kind === 'company.create' && typeof intent.outcome?.pax8Id === 'string') {
      await storeRecord(ctx, companySpec, intent, await ctx.client.companies.get(intent.outcome.pax8Id));
    } else if (intent.kind === 'order.create') {
      for (const id of await subscriptionsOfMappedCompany(ctx, intent)) await storeRecord(ctx, subscriptionSpec(ctx.statusMapping), intent, await ctx.client.subscriptions.get(id));
    }
  } catch (error) {
    ctx.log.warn({ connectionId: intent.connectionId, intentId: intent.id, error: failureText(error) }, 'write-back: the applied write could not be read back for confirmation; the next sync stores it');
  }
}
