import type { AuthState } from '../auth';
import type { Route, RouteContext } from '../http';

async function readBody(ctx: RouteContext): Promise<Record<string, unknown> | undefined> {
  const type = ctx.request.headers.get('content-type') ?? '';
  const text = await ctx.request.text();
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `POST /v1/token` (and the `token-manager` address the security scheme names). */
export function tokenRoutes(auth: AuthState): Route[] {
  const handle = async (ctx: RouteContext) => auth.token(await readBody(ctx));
  return [
    { method: 'POST', path: '/v1/token', family: 'token', handle },
    { method: 'POST', path: '/oauth/token', family: 'token', handle },
  ];
}
