/**
 * @pax8-sync/client — typed Pax8 partner API client: OAuth tokens, every endpoint, pagination,
 * retries, rate limiting, zod validation and typed errors. See README.md.
 * @packageDocumentation
 */

export { createPax8Client, type Pax8Client, type Pax8Resources } from './client/create-pax8-client';
export type { Pax8WriteOutcome } from './client/write-outcome';
export type { Pax8ClientOptions, Pax8RateLimitOptions } from './client/options';
export { normalizePax8BaseUrl, PAX8_DEFAULT_BASE_URL, type Pax8BaseUrlOptions } from './client/normalize-base-url';
export type { Pax8ConnectivityCheck, Pax8ConnectivityFailure, Pax8ConnectivityResult } from './client/verify-connectivity';
export { createMemoryTokenStore, type Pax8StoredToken, type Pax8TokenStore } from './auth/token-store';
export type { Pax8TokenProvider } from './auth/token-provider';
export { createPax8RateLimiter, type Pax8RateLimiter, type Pax8RateLimiterOptions } from './rate-limit/create-rate-limiter';
export {
  createMemoryRateLimitStore,
  type Pax8MemoryRateLimitStoreOptions,
  type Pax8RateLimitStartRequest,
  type Pax8RateLimitStartResult,
  type Pax8RateLimitStore,
} from './rate-limit/rate-limit-store';
export type { Pax8RetryOptions } from './http/backoff';
export type { Pax8Now, Pax8Sleep } from './http/clock';
export type { Pax8DriftEvent, Pax8Hooks, Pax8RequestInfo, Pax8ResponseInfo } from './http/hooks';
export type { Pax8LogMethod, Pax8Logger } from './http/logger';
export type { Pax8Fetch } from './http/send-once';
export * from './errors/index';
export { PAX8_DEFAULT_PAGE_SIZE } from './pagination/create-listing';
export type { Pax8CollectOptions, Pax8Listing, Pax8Page, Pax8PageParams, Pax8ParamsArg } from './pagination/types';
export type { Pax8CompaniesResource, Pax8CompanyListParams } from './resources/companies';
export type { Pax8ContactListParams, Pax8ContactScope, Pax8ContactsResource } from './resources/contacts';
export type { Pax8DraftItemListParams, Pax8InvoiceItemListParams, Pax8InvoiceListParams, Pax8InvoicesResource } from './resources/invoices';
export type { Pax8OrderCreateOptions, Pax8OrderListParams, Pax8OrdersResource } from './resources/orders';
export type { Pax8PricingOptions, Pax8ProductListParams, Pax8ProductsResource } from './resources/products';
export type { Pax8CancelOptions, Pax8SubscriptionListParams, Pax8SubscriptionsResource } from './resources/subscriptions';
export type { Pax8UsageLineListParams, Pax8UsageResource, Pax8UsageSummaryListParams } from './resources/usage';
export type {
  Pax8TopicDefinitionListParams,
  Pax8WebhookListParams,
  Pax8WebhookLogListParams,
  Pax8WebhookLogScope,
  Pax8WebhooksResource,
} from './resources/webhooks';
export * from './schemas/index';
export type { Pax8RejectedRecord, Pax8ValidationMode } from './schemas/validator';
export * from './oauth/index';
