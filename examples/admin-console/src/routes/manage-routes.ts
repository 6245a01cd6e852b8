import { type Pax8SyncEntity, pax8SyncEntities } from '@pax8-sync/core';
import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { readChangeFeed } from '../sdk/change-feed';
import { loadRemovalSummary, removeIntegration } from '../sdk/removal';
import { loadRunHistory } from '../sdk/run-history';
import { loadSchedule } from '../sdk/schedule';
import type { SyncJob } from '../sdk/sync-jobs';
import { layout } from '../views/layout';
import { manageView } from '../views/manage-view';
import { removalRefusedText } from '../views/words';
import { removeView } from '../views/remove-view';
import { notice, noticeText } from './notices';
import { formText, withConnection } from './with-connection';

const isEntity = (value: string): value is Pax8SyncEntity => (pax8SyncEntities as readonly string[]).includes(value);
const cursorOf = (value: string | undefined): string | null => (value !== undefined && /^\d+$/.test(value) ? value : null);

/** The Manage screen: `GET /manage`, Sync now (`POST /manage/sync/:entity`), and Remove Integration (`GET`/`POST /manage/remove`). */
export function manageRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  const { storage, jobs } = deps;

  app.get('/manage', (c) =>
    withConnection(c, storage, async (connection) => {
      const [schedule, runs, changes] = await Promise.all([
        loadSchedule(storage, connection, deps.now()),
        loadRunHistory(storage, connection.id),
        readChangeFeed(deps, connection.id, cursorOf(c.req.query('after'))),
      ]);
      const latest: Partial<Record<Pax8SyncEntity, SyncJob>> = {};
      for (const entity of pax8SyncEntities) {
        const job = jobs.latest(connection.id, entity);
        if (job) latest[entity] = job;
      }
      const body = manageView({ connection, jobs: latest, schedule, runs, changes });
      return c.html(layout({ title: 'Manage the Pax8 integration', section: 'manage', notice: noticeText(c.req.query('notice'), c.req.query('n')), body }));
    }),
  );

  app.post('/manage/sync/:entity', (c) =>
    withConnection(c, storage, async (connection) => {
      const entity = c.req.param('entity');
      if (!isEntity(entity)) return c.text('Unknown entity', 404);
      const body = await c.req.parseBody();
      // "Allowing the removal" after a mass-deletion flag: one run whose breaker lets every missing row go.
      jobs.start(connection.id, entity, formText(body, 'allowRemoval') === 'on' ? { massDeletionThreshold: 1 } : {});
      return c.redirect(`/manage?${notice('sync-started')}`, 303);
    }),
  );

  app.get('/manage/remove', (c) =>
    withConnection(c, storage, async (connection) => {
      const summary = await loadRemovalSummary(storage, connection.id);
      return c.html(layout({ title: 'Remove Integration', section: 'manage', body: removeView(connection, summary) }));
    }),
  );

  app.post('/manage/remove', (c) =>
    withConnection(c, storage, async (connection) => {
      // A sync of this process may not hold its lease yet (it is starting): it counts too.
      const here = pax8SyncEntities.filter((entity) => jobs.latest(connection.id, entity)?.running === true);
      const result = here.length > 0 ? { removed: false as const, running: [] } : await removeIntegration(deps, connection.id, deps.now());
      if (!result.removed) {
        const summary = await loadRemovalSummary(storage, connection.id);
        const error = removalRefusedText([...here, ...result.running.map((r) => r.entity)]);
        return c.html(layout({ title: 'Remove Integration', section: 'manage', body: removeView(connection, summary, error) }), 409);
      }
      return c.redirect(`/connect?${notice('removed')}`, 303);
    }),
  );
  return app;
}
