import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('removeConnection while a sync of it runs', () => {
  it('leaves no row behind: the sync stops at its next fenced write and recreates nothing', async () => {
    h = await createHarness({ subscriptions: 120 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies(h, id, 6);
    let removal: Promise<void> = Promise.resolve();
    const result = await h.engine.syncSubscriptions({
      connectionId: id,
      pageSize: 20,
      prefetch: 1,
      perCompanyMaxCompanies: 0,
      onProgress: (p) => {
        if (p.pagesDone === 2) removal = h.engine.removeConnection(id);
      },
    });
    await removal;
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/lease/) });
    expect(h.storage.rawRows(id)).toEqual([]);
  });
});
