import type { ChangeEvent, JsonValue, Pax8SyncStorage, SyncEngine } from '@pax8-sync/core';

/** One page of the change feed, with the Pax8 company names its subscription events refer to. */
export interface ChangeFeedPage {
  /** The events after the cursor, oldest first. */
  events: ChangeEvent[];
  /** The cursor this page was read after (`null`: from the start). */
  after: string | null;
  /** The cursor of the next page, or `null` when this page is the end of the feed. */
  next: string | null;
  /** Pax8 company names by id, for the subscription events of this page. */
  companyNames: ReadonlyMap<string, string>;
}

const companyIdOf = (event: ChangeEvent): string | undefined => {
  const id: JsonValue | undefined = event.detail.companyId ?? event.after?.companyId ?? event.before?.companyId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Reads one page of the change feed after `after`, as a billing screen does from its own saved
 * cursor. `next` is set only when the page was full (there may be more).
 */
export async function readChangeFeed(deps: { engine: SyncEngine; storage: Pax8SyncStorage }, connectionId: string, after: string | null, limit = 25): Promise<ChangeFeedPage> {
  const page = await deps.engine.listChanges(connectionId, { after, limit });
  const ids = [...new Set(page.events.filter((e) => e.entity === 'subscriptions').map(companyIdOf).filter((id): id is string => id !== undefined))];
  const companies = ids.length === 0 ? [] : await deps.storage.companies.getMany(connectionId, ids);
  return {
    events: page.events,
    after,
    next: page.events.length === limit ? page.nextCursor : null,
    companyNames: new Map(companies.map((c) => [c.id, c.name])),
  };
}
