import type { Route } from './http';

/** A matched route with its path parameters. */
export interface RouteMatch {
  /** The route. */
  route: Route;
  /** Decoded path parameters. */
  params: Record<string, string>;
}

/** Matches method and path against the served routes (static segments win over parameters). */
export class Router {
  private readonly compiled: { route: Route; segments: string[] }[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: route.path.split('/').filter(Boolean) }));
  }

  /** The route keys served, e.g. `'GET /v1/subscriptions'`. */
  keys(): string[] {
    return this.compiled.map(({ route }) => `${route.method} ${route.path}`);
  }

  /** Finds the route of a request: a match, `'method'` when only the method is wrong, or undefined. */
  match(method: string, pathname: string): RouteMatch | 'method' | undefined {
    const parts = pathname.split('/').filter(Boolean);
    let best: { match: RouteMatch; score: number } | undefined;
    let pathMatched = false;
    for (const { route, segments } of this.compiled) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith('{')) params[seg.slice(1, -1)] = safeDecode(part);
        else if (seg === part) score += 1;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method !== method.toUpperCase()) continue;
      if (!best || score > best.score) best = { match: { route, params }, score };
    }
    return best?.match ?? (pathMatched ? 'method' : undefined);
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
