import { type Pax8SyncEntity, pax8SyncEntities } from '@pax8-sync/core';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ResolvedConsoleDeps } from '../console-deps';
import { currentConnection } from '../sdk/current-connection';
import { progressState } from '../views/progress-view';

const isEntity = (value: string): value is Pax8SyncEntity => (pax8SyncEntities as readonly string[]).includes(value);

/**
 * `GET /progress/:entity`: the progress of the newest sync of that entity as server-sent events.
 * Every page's event is replayed from the start, so a browser that connects late still sees each
 * step; a `progress` event per page, then one `done` event, then the stream ends.
 */
export function progressRoutes(deps: ResolvedConsoleDeps): Hono {
  const app = new Hono();
  app.get('/progress/:entity', async (c) => {
    const entity = c.req.param('entity');
    if (!isEntity(entity)) return c.text('Unknown entity', 404);
    const connection = await currentConnection(deps.storage);
    const job = connection ? deps.jobs.latest(connection.id, entity) : undefined;
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      let sent = 0;
      while (job !== undefined && !closed) {
        const running = job.running;
        while (sent < job.events.length) {
          await stream.writeSSE({ event: 'progress', id: String(sent + 1), data: JSON.stringify(progressState(entity, job, sent)) });
          sent += 1;
        }
        if (!running) break;
        await job.changed();
      }
      if (!closed) await stream.writeSSE({ event: 'done', data: JSON.stringify(progressState(entity, job)) });
    });
  });
  return app;
}
