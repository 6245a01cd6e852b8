import { Hono } from 'hono';
import type { ResolvedConsoleDeps } from '../console-deps';
import { mappedCount } from '../sdk/mapping-actions';
import { loadSchedule } from '../sdk/schedule';
import { completeView } from '../views/complete-view';
import { layout } from '../views/layout';
import { withConnection } from './with-connection';

/** The Complete screen, `GET /complete`: the schedule and the subscription sync that Next started. */
export function completeRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  app.get('/complete', (c) =>
    withConnection(c, deps.storage, async (connection) => {
      const [schedule, mapped] = await Promise.all([loadSchedule(deps.storage, connection, deps.now()), mappedCount(deps.engine, connection.id)]);
      const subscriptions = deps.jobs.latest(connection.id, 'subscriptions');
      return c.html(layout({ title: 'Complete', section: 'complete', body: completeView({ schedule, subscriptions, mapped }) }));
    }),
  );
  return app;
}
