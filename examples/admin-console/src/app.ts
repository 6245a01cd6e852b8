import { Pax8SyncError } from '@pax8-sync/core';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ConsoleDeps, ResolvedConsoleDeps } from './console-deps';
import { approvalsRoutes } from './routes/approvals-routes';
import { assetRoutes } from './routes/asset-routes';
import { completeRoutes } from './routes/complete-routes';
import { connectRoutes } from './routes/connect-routes';
import { delegatedRoutes } from './routes/delegated-routes';
import { manageRoutes } from './routes/manage-routes';
import { mapRoutes } from './routes/map-routes';
import { progressRoutes } from './routes/progress-routes';
import { mappedCount } from './sdk/mapping-actions';
import { currentConnection } from './sdk/current-connection';
import { h } from './views/html';
import { layout } from './views/layout';

/**
 * The admin console as a Hono app: web-standard `(Request) => Response`, so it runs on Node
 * (`@hono/node-server`), in tests (`app.request(...)`) and on edge runtimes alike. Mount it in
 * your product behind your own sign-in.
 * @example
 * const app = createAdminConsole({ engine, storage, codec, psaDirectory, jobs: createSyncJobs({ engine }) });
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 3000 });
 */
export function createAdminConsole(options: ConsoleDeps): Hono {
  const deps: ResolvedConsoleDeps = { ...options, now: options.now ?? (() => Date.now()), mapPageSize: options.mapPageSize ?? 50 };
  const app = new Hono();
  // "Connect to Pax8" posts the Connect form and is redirected on to Pax8's login: form-action must allow it.
  const login = options.delegated ? [new URL(options.delegated.authorizationEndpoint ?? 'https://login.pax8.com/authorize').origin] : [];
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'"], formAction: ["'self'", ...login], frameAncestors: ["'none'"] },
    }),
  );
  // Form posts from other sites are refused (the Origin header must be this console's).
  app.use(csrf());
  app.get('/', async (c) => {
    const connection = await currentConnection(deps.storage);
    if (!connection) return c.redirect('/connect');
    return c.redirect((await mappedCount(deps.engine, connection.id)) === 0 ? '/map' : '/manage');
  });
  for (const routes of [assetRoutes(), connectRoutes(deps), delegatedRoutes(deps), mapRoutes(deps), completeRoutes(deps), manageRoutes(deps), approvalsRoutes(deps), progressRoutes(deps)]) app.route('/', routes);
  app.onError((error, c) => {
    // Refusals of the middleware (a cross-site form post: 403) keep their own answer.
    if (error instanceof HTTPException) return error.getResponse();
    // Errors of the SDK name what failed and never carry secrets; anything else is not shown.
    const message = Pax8SyncError.isInstance(error) ? error.message : 'An unexpected error happened; see the server log.';
    if (!Pax8SyncError.isInstance(error)) console.error(error);
    return c.html(layout({ title: 'Something went wrong', section: 'manage', body: h`<p class="field-error">${message}</p><p><a href="/">Back to the console</a></p>` }), 500);
  });
  return app;
}
