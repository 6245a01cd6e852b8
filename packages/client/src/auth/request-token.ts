import { Pax8AuthError } from '../errors/pax8-auth-error';
import { errorFromResponse } from '../http/error-from-response';
import { MAX_RETRY_AFTER_MS } from '../http/http-client';
import { redact } from '../http/redact';
import { parseRetryAfter } from '../http/retry-after';
import { sendOnce, type Transport } from '../http/send-once';
import type { Pax8RateLimiter } from '../rate-limit/create-rate-limiter';
import { pax8TokenErrorBodySchema, pax8TokenResponseSchema } from '../schemas/error-body';
import type { Pax8StoredToken } from './token-store';

/** What {@link createTokenRequester} needs. @internal */
export interface TokenRequesterOptions {
  transport: Transport;
  /** The token request counts against Pax8's limit like any other request. */
  limiter: Pax8RateLimiter;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  audience: string;
  secrets: () => readonly string[];
}

/**
 * Builds the function that asks Pax8 for a client-credentials token (JSON body, as Pax8's
 * `/v1/token` expects). A refusal becomes a Pax8AuthError carrying the OAuth error code. @internal
 */
export function createTokenRequester(options: TokenRequesterOptions): () => Promise<Pax8StoredToken> {
  const { transport, tokenUrl } = options;
  return async () => {
    const result = await options.limiter.run(() =>
      sendOnce(transport, {
        method: 'POST',
        url: tokenUrl,
        body: {
          client_id: options.clientId,
          client_secret: options.clientSecret,
          audience: options.audience,
          grant_type: 'client_credentials',
        },
        attempt: 1,
      }),
    );
    if (result.status >= 200 && result.status < 300) {
      const parsed = pax8TokenResponseSchema.safeParse(result.body);
      if (!parsed.success) {
        throw new Pax8AuthError(`Pax8 answered the token request at ${tokenUrl} without a usable access_token/expires_in`, {
          code: 'invalid_token_response',
          status: result.status,
          url: tokenUrl,
        });
      }
      return { accessToken: parsed.data.access_token, expiresAt: transport.now() + parsed.data.expires_in * 1000 };
    }
    if (result.status === 429 || result.status >= 500) {
      const retryAfterMs = result.status === 429 ? parseRetryAfter(result.headers.get('retry-after'), transport.now()) : undefined;
      // A 429 here limits the whole partner account, as on any API call.
      if (retryAfterMs !== undefined && retryAfterMs <= MAX_RETRY_AFTER_MS) await options.limiter.hold(retryAfterMs);
      throw errorFromResponse({
        status: result.status,
        statusText: result.statusText,
        body: result.body,
        method: 'POST',
        url: tokenUrl,
        retryable: true,
        retryAfterMs,
        secrets: options.secrets(),
      });
    }
    const body = pax8TokenErrorBodySchema.safeParse(result.body);
    const code = (body.success && body.data.error) || `http_${result.status}`;
    const description = body.success && body.data.error_description ? redact(body.data.error_description, options.secrets()) : '';
    throw new Pax8AuthError(
      `Pax8 refused the token request (${result.status} ${code}${description ? `: ${description}` : ''}); check the client id, client secret and audience`,
      { code: redact(code, options.secrets()), status: result.status, url: tokenUrl },
    );
  };
}
