import { createTokenSource } from '../auth/create-token-source';
import { realSleep } from '../http/clock';
import { createHttpClient } from '../http/http-client';
import { completeLogger } from '../http/logger';
import type { Transport } from '../http/send-once';
import { createPax8RateLimiter } from '../rate-limit/create-rate-limiter';
import { type Pax8CompaniesResource, createCompaniesResource } from '../resources/companies';
import { type Pax8ContactsResource, createContactsResource } from '../resources/contacts';
import type { ResourceContext } from '../resources/context';
import { type Pax8InvoicesResource, createInvoicesResource } from '../resources/invoices';
import { type Pax8OrdersResource, createOrdersResource } from '../resources/orders';
import { type Pax8ProductsResource, createProductsResource } from '../resources/products';
import { type Pax8SubscriptionsResource, createSubscriptionsResource } from '../resources/subscriptions';
import { type Pax8UsageResource, createUsageResource } from '../resources/usage';
import { type Pax8WebhooksResource, createWebhooksResource } from '../resources/webhooks';
import { createValidator, type Pax8ValidationMode } from '../schemas/validator';
import { type Pax8ClientOptions, resolveOptions } from './options';
import { type Pax8ConnectivityResult, verifyConnectivity } from './verify-connectivity';
import { type Pax8WriteOutcome, runAtMostOnce } from './write-outcome';

/** Every resource of the Pax8 API. */
export interface Pax8Resources {
  /** Companies (end customers). */
  readonly companies: Pax8CompaniesResource;
  /** Contacts of companies. */
  readonly contacts: Pax8ContactsResource;
  /** The product catalogue, pricing, dependencies and provisioning details. */
  readonly products: Pax8ProductsResource;
  /** Orders. */
  readonly orders: Pax8OrdersResource;
  /** Subscriptions. */
  readonly subscriptions: Pax8SubscriptionsResource;
  /** Invoices, invoice items and draft items. */
  readonly invoices: Pax8InvoicesResource;
  /** Usage summaries and lines. */
  readonly usage: Pax8UsageResource;
  /** Webhook registrations, topics, topic definitions and delivery logs. */
  readonly webhooks: Pax8WebhooksResource;
}

/** A Pax8 API client. Every resource shares one token, one rate limiter and one retry policy. */
export interface Pax8Client extends Pax8Resources {
  /**
   * Sends a write at most once: `call` gets the same resources, but nothing it sends is retried
   * (PUT and DELETE included; only the resend after a 401 remains, which Pax8 applied nothing for)
   * and the outcome says what happened instead of throwing: `applied`, `refused` (4xx, typed),
   * `maybe-applied` (read Pax8 back) or `not-sent`. Give one write per call.
   *
   * @example
   * ```ts
   * const outcome = await client.sendOnce((pax8) => pax8.subscriptions.update(id, { quantity: 12 }));
   * if (outcome.kind === 'maybe-applied') await reconcileByReadingBack(id);
   * ```
   */
  sendOnce<T>(call: (resources: Pax8Resources) => Promise<T>): Promise<Pax8WriteOutcome<T>>;
  /** The validation mode this client runs in. */
  readonly validation: Pax8ValidationMode;
  /** Gets a fresh token (from the provider, when one is given) and reads one company; never throws, reports `{ ok, latencyMs, checks, reason }`. */
  verifyConnectivity(): Promise<Pax8ConnectivityResult>;
}

/**
 * Creates a Pax8 client. Options are validated: a bad one throws Pax8InvalidArgumentError naming it.
 *
 * @example
 * ```ts
 * const pax8 = createPax8Client({ clientId: 'id', clientSecret: 'secret' });
 * for await (const subscription of pax8.subscriptions.iterate({ status: 'Active' })) {
 *   console.log(subscription.id, subscription.quantity);
 * }
 * ```
 */
export function createPax8Client(options: Pax8ClientOptions): Pax8Client {
  const resolved = resolveOptions(options);
  const logger = completeLogger(resolved.logger);
  const sleep = resolved.sleep ?? realSleep;
  const clientSecret = resolved.auth.kind === 'client-credentials' ? [resolved.auth.clientSecret] : [];
  let secrets: () => readonly string[] = () => clientSecret;
  const limiter = resolved.rateLimiter ?? createPax8RateLimiter({ ...resolved.rateLimit, now: resolved.now, sleep });
  const transport: Transport = {
    fetch: resolved.fetch,
    timeoutMs: resolved.timeoutMs,
    now: resolved.now,
    sleep,
    logger,
    hooks: resolved.hooks,
    secrets: () => secrets(),
  };
  const tokens = createTokenSource({ auth: resolved.auth, transport, limiter, now: resolved.now, logger, secrets: () => secrets() });
  secrets = () => [...clientSecret, ...tokens.knownTokens()];
  const http = createHttpClient({
    transport,
    retry: resolved.retry,
    limiter,
    tokens,
    secrets,
  });
  const ctx: ResourceContext = {
    http,
    validator: createValidator({ mode: resolved.validation, logger, onDrift: resolved.hooks.onDrift }),
    partnerUrl: `${resolved.baseUrl}/v1`,
    webhooksUrl: `${resolved.baseUrl}/api/v2`,
  };
  return {
    ...createResources(ctx),
    sendOnce: (call) => runAtMostOnce(ctx, createResources, call),
    validation: resolved.validation,
    verifyConnectivity: () =>
      verifyConnectivity({ tokens, http, now: resolved.now, partnerUrl: ctx.partnerUrl, provider: resolved.auth.kind === 'provider' }),
  };
}

function createResources(ctx: ResourceContext): Pax8Resources {
  return {
    companies: createCompaniesResource(ctx),
    contacts: createContactsResource(ctx),
    products: createProductsResource(ctx),
    orders: createOrdersResource(ctx),
    subscriptions: createSubscriptionsResource(ctx),
    invoices: createInvoicesResource(ctx),
    usage: createUsageResource(ctx),
    webhooks: createWebhooksResource(ctx),
  };
}
