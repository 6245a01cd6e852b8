import { createListing, queryOf } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import {
  type Pax8TopicDefinition,
  type Pax8Webhook,
  type Pax8WebhookConfiguration,
  type Pax8WebhookDeliveryStatus,
  type Pax8WebhookCreate,
  type Pax8WebhookLog,
  type Pax8WebhookTest,
  type Pax8WebhookTopicConfiguration,
  type Pax8WebhookTopicInput,
  pax8TopicDefinitionModel,
  pax8WebhookConfigurationModel,
  pax8WebhookCreateModel,
  pax8WebhookLogModel,
  pax8WebhookModel,
  pax8WebhookStatusModel,
  pax8WebhookTestModel,
  pax8WebhookTopicConfigurationModel,
  pax8WebhookTopicInputModel,
  pax8WebhookTopicsReplaceModel,
} from '../schemas/webhook';
import { callOne, callVoid } from './call';
import { type ResourceContext, segment } from './context';

/** Filters of `webhooks.list`. */
export interface Pax8WebhookListParams extends Pax8PageParams {
  /** Free-text query. */
  query?: string;
  /** Active or not. */
  active?: boolean;
  /** Subscribed to this topic. */
  topic?: string;
  /** Sort expression. */
  sort?: string;
  /** Last delivery status. */
  status?: string;
  /** Account id. */
  accountId?: string;
}

/** Filters of `webhooks.topicDefinitions.list`. */
export interface Pax8TopicDefinitionListParams extends Pax8PageParams {
  /** Free-text search. */
  search?: string;
  /** Sort expression. */
  sort?: string;
  /** One topic. */
  topic?: string;
}

/** Params of `webhooks.logs.list`: the webhook is required. */
export interface Pax8WebhookLogListParams extends Pax8PageParams {
  /** The webhook. */
  webhookId: string;
  /**
   * Pax8's query over log fields: a string sent as is, or an object sent as the document asks
   * (form style, not exploded: `{ a: 'x', b: 'y' }` → `query=a,x,b,y`).
   */
  query?: string | Record<string, string>;
  /** Only this topic. */
  topicName?: string;
  /** Only this final delivery status: `FAILED` for the deliveries to sweep (`PENDING`, `SUCCESS`, `RETRYING`). */
  status?: Pax8WebhookDeliveryStatus;
  /** From (ISO date-time). */
  startDate?: string;
  /** To (ISO date-time). */
  endDate?: string;
  /** Sort expression. */
  sort?: string;
}

/** Which webhook a log belongs to. */
export interface Pax8WebhookLogScope {
  /** The webhook id. */
  webhookId: string;
}

/** `client.webhooks`: registrations, topics, topic definitions, delivery logs (base URL `/api/v2`). */
export interface Pax8WebhooksResource extends Pax8Listing<Pax8Webhook, Pax8WebhookListParams> {
  /** GET /api/v2/webhooks/{id}. */
  get(id: string): Promise<Pax8Webhook>;
  /**
   * POST /api/v2/webhooks: url, `authorization` (the secret Pax8 sends back as the Authorization
   * header; kept out of every error), topics with filters, errorThreshold (at most 20), active.
   */
  create(body: Pax8WebhookCreate): Promise<Pax8Webhook>;
  /** POST /api/v2/webhooks/{id}/configuration: display name, URL, authorization (kept out of errors), contact, threshold. */
  update(id: string, body: Pax8WebhookConfiguration): Promise<Pax8Webhook>;
  /** POST /api/v2/webhooks/{id}/status: activate or deactivate. */
  updateStatus(id: string, body: { active: boolean }): Promise<Pax8Webhook>;
  /** DELETE /api/v2/webhooks/{id}. */
  delete(id: string): Promise<void>;
  /** Topics of one webhook. */
  topics: {
    /** POST /api/v2/webhooks/{id}/topics. */
    add(id: string, body: Pax8WebhookTopicInput): Promise<Pax8Webhook>;
    /** PUT /api/v2/webhooks/{id}/topics (replaces them all). */
    replace(id: string, topics: Pax8WebhookTopicInput[]): Promise<Pax8Webhook>;
    /** DELETE /api/v2/webhooks/{id}/topics/{topicId}. */
    remove(id: string, topicId: string): Promise<void>;
    /** POST /api/v2/webhooks/{id}/topics/{topicId}/configuration (filters). */
    updateConfiguration(id: string, topicId: string, body: Pax8WebhookTopicConfiguration): Promise<Pax8Webhook>;
    /** POST /api/v2/webhooks/{id}/topics/{topic}/test: sends a sample event. */
    test(id: string, topic: string): Promise<Pax8WebhookTest>;
  };
  /** GET /api/v2/webhooks/topic-definitions, paged. */
  topicDefinitions: Pax8Listing<Pax8TopicDefinition, Pax8TopicDefinitionListParams>;
  /** Delivery logs of one webhook. */
  logs: Pax8Listing<Pax8WebhookLog, Pax8WebhookLogListParams> & {
    /** GET /api/v2/webhooks/{webhookId}/logs/{id}. */
    get(id: string, scope: Pax8WebhookLogScope): Promise<Pax8WebhookLog>;
    /** POST /api/v2/webhooks/{webhookId}/logs/{id}/retry: redeliver. */
    retry(id: string, scope: Pax8WebhookLogScope): Promise<void>;
  };
}

function formQuery(value: string | Record<string, string> | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return Object.entries(value).flat().join(',');
}

/** The `authorization` a body carries: a secret kept out of every error. */
const authorizationOf = (body: { authorization?: unknown }) => (typeof body.authorization === 'string' && body.authorization !== '' ? [body.authorization] : []);

/** Builds `client.webhooks`. @internal */
export function createWebhooksResource(ctx: ResourceContext): Pax8WebhooksResource {
  const base = `${ctx.webhooksUrl}/webhooks`;
  const one = (id: string) => `${base}/${segment(id, 'id')}`;
  const logs = (scope: Pax8WebhookLogScope | undefined) => `${base}/${segment(scope?.webhookId, 'webhookId')}/logs`;
  return {
    ...createListing(ctx, {
      model: pax8WebhookModel,
      url: () => base,
      query: queryOf<Pax8WebhookListParams>('query', 'active', 'topic', 'sort', 'status', 'accountId'),
    }),
    get: async (id) => callOne(ctx, pax8WebhookModel, { method: 'GET', url: one(id) }),
    create: async (body) =>
      callOne(ctx, pax8WebhookModel, { method: 'POST', url: base, body: ctx.validator.body(pax8WebhookCreateModel, body), secrets: authorizationOf(body) }),
    update: async (id, body) =>
      callOne(ctx, pax8WebhookModel, {
        method: 'POST',
        url: `${one(id)}/configuration`,
        body: ctx.validator.body(pax8WebhookConfigurationModel, body),
        secrets: authorizationOf(body),
      }),
    updateStatus: async (id, body) =>
      callOne(ctx, pax8WebhookModel, { method: 'POST', url: `${one(id)}/status`, body: ctx.validator.body(pax8WebhookStatusModel, body) }),
    delete: async (id) => callVoid(ctx, { method: 'DELETE', url: one(id) }),
    topics: {
      add: async (id, body) =>
        callOne(ctx, pax8WebhookModel, { method: 'POST', url: `${one(id)}/topics`, body: ctx.validator.body(pax8WebhookTopicInputModel, body) }),
      replace: async (id, topics) =>
        callOne(ctx, pax8WebhookModel, {
          method: 'PUT',
          url: `${one(id)}/topics`,
          body: ctx.validator.body(pax8WebhookTopicsReplaceModel, { webhookTopics: topics }),
        }),
      remove: async (id, topicId) => callVoid(ctx, { method: 'DELETE', url: `${one(id)}/topics/${segment(topicId, 'topicId')}` }),
      updateConfiguration: async (id, topicId, body) =>
        callOne(ctx, pax8WebhookModel, {
          method: 'POST',
          url: `${one(id)}/topics/${segment(topicId, 'topicId')}/configuration`,
          body: ctx.validator.body(pax8WebhookTopicConfigurationModel, body),
        }),
      test: async (id, topic) => callOne(ctx, pax8WebhookTestModel, { method: 'POST', url: `${one(id)}/topics/${segment(topic, 'topic')}/test` }),
    },
    topicDefinitions: createListing(ctx, {
      model: pax8TopicDefinitionModel,
      url: () => `${base}/topic-definitions`,
      query: queryOf<Pax8TopicDefinitionListParams>('search', 'sort', 'topic'),
    }),
    logs: {
      ...createListing(ctx, {
        model: pax8WebhookLogModel,
        url: (p: Pax8WebhookLogListParams) => logs(p),
        query: (p: Pax8WebhookLogListParams) => ({ ...queryOf<Pax8WebhookLogListParams>('topicName', 'status', 'startDate', 'endDate', 'sort')(p), query: formQuery(p.query) }),
      }),
      get: async (id, scope) => callOne(ctx, pax8WebhookLogModel, { method: 'GET', url: `${logs(scope)}/${segment(id, 'id')}` }),
      retry: async (id, scope) => callVoid(ctx, { method: 'POST', url: `${logs(scope)}/${segment(id, 'id')}/retry` }),
    },
  };
}
