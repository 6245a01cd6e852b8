import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const asset = (name: string) => readFileSync(new URL(`../assets/${name}`, import.meta.url), 'utf8');

/** `GET /assets/console.css` and `/assets/console.js`: the stylesheet and the little progressive JavaScript. */
export function assetRoutes(): Hono {
  const css = asset('console.css');
  const js = asset('console.js');
  const app = new Hono();
  app.get('/assets/console.css', (c) => c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/assets/console.js', (c) => c.body(js, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  return app;
}
