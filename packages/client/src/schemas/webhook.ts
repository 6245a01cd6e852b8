import { z } from 'zod';
import { defineModel, openEnum, type Pax8EnumFactory, pax8DateSchema } from './enum-mode';

/** Delivery statuses of webhook calls. */
export const PAX8_WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'SUCCESS', 'FAILED', 'RETRYING'] as const;
/** Filter operators of webhook topic filters. */
export const PAX8_WEBHOOK_FILTER_OPERATORS = ['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'IN', 'NOT_IN', 'CONTAINS'] as const;

const filter = (enumOf: Pax8EnumFactory) =>
  z.looseObject({
    action: z.string(),
    conditions: z.array(
      z.looseObject({ field: z.string(), operator: enumOf(PAX8_WEBHOOK_FILTER_OPERATORS), value: z.array(z.string()) }),
    ),
  });

// Responses: Pax8 sends null where the spec promises a string or an array; tolerate it.
const filterAsSent = (enumOf: Pax8EnumFactory) =>
  z.looseObject({
    action: z.string().nullish(),
    conditions: z
      .array(z.looseObject({ field: z.string().nullish(), operator: enumOf(PAX8_WEBHOOK_FILTER_OPERATORS).nullish(), value: z.array(z.string()).nullish() }))
      .nullish(),
  });

const topic = (enumOf: Pax8EnumFactory) =>
  z.looseObject({ id: z.string().nullish(), topic: z.string().nullish(), filters: z.array(filterAsSent(enumOf)).nullish() });

const webhook = (enumOf: Pax8EnumFactory) =>
  z.looseObject({
    id: z.string(),
    accountId: z.string().nullish(),
    displayName: z.string().nullish(),
    url: z.string().nullish(),
    authorization: z.string().nullish(),
    active: z.boolean().nullish(),
    contactEmail: z.string().nullish(),
    errorThreshold: z.number().nullish(),
    integrationId: z.string().nullish(),
    webhookTopics: z.array(topic(enumOf)).nullish(),
    lastDeliveryStatus: enumOf(PAX8_WEBHOOK_DELIVERY_STATUSES).nullish(),
    createdAt: pax8DateSchema.nullish(),
    updatedAt: pax8DateSchema.nullish(),
  });

/** Webhook registration model. @internal */
export const pax8WebhookModel = defineModel('webhook', webhook);
/** Zod schema of a webhook registration. */
export const pax8WebhookSchema = pax8WebhookModel.lenient;
/**
 * A webhook registration (where Pax8 posts events, and for which topics). Its `authorization` is
 * the secret Pax8 sends back as the Authorization header of each delivery: do not log it.
 */
export type Pax8Webhook = z.infer<typeof pax8WebhookSchema>;

/**
 * Zod schema of one delivery Pax8 POSTs to a webhook's URL: `{ accountId, webhookId, url,
 * sentAt, webhookTopic, payloadData }`. Lenient: unknown fields pass; `webhookTopic` is the topic
 * object of the document (`{ id, topic, filters }`) or a bare topic name. The payload is only a
 * hint: read the API for the state. It carries no signature: check the Authorization header.
 */
export const pax8WebhookDeliverySchema = z.looseObject({
  accountId: z.string(),
  webhookId: z.string(),
  url: z.string().nullish(),
  sentAt: pax8DateSchema.nullish(),
  webhookTopic: z.union([z.string(), topic(openEnum)]).nullish(),
  payloadData: z.record(z.string(), z.unknown()).nullish(),
});
/** One delivery Pax8 POSTs to a webhook's URL. */
export type Pax8WebhookDelivery = z.infer<typeof pax8WebhookDeliverySchema>;

/** A webhook delivery status: a documented one, or any newer value Pax8 sends. */
export type Pax8WebhookDeliveryStatus = (typeof PAX8_WEBHOOK_DELIVERY_STATUSES)[number] | (string & {});

/** Topic definition model. @internal */
export const pax8TopicDefinitionModel = defineModel('topic definition', (enumOf) =>
  z.looseObject({
    topic: z.string(),
    name: z.string().nullish(),
    description: z.string().nullish(),
    availableFilters: z
      .array(
        z.looseObject({
          action: z.string().nullish(),
          actionDisplayName: z.string().nullish(),
          description: z.string().nullish(),
          conditions: z
            .array(
              z.looseObject({
                field: z.string().nullish(),
                operator: z.array(enumOf(PAX8_WEBHOOK_FILTER_OPERATORS)).nullish(),
                dataType: z.string().nullish(),
                description: z.string().nullish(),
                value: z.string().nullish(),
              }),
            )
            .nullish(),
        }),
      )
      .nullish(),
    samplePayload: z.looseObject({}).nullish(),
  }),
);
/** Zod schema of a webhook topic definition. */
export const pax8TopicDefinitionSchema = pax8TopicDefinitionModel.lenient;
/** A topic one can subscribe a webhook to, with its filters and a sample payload. */
export type Pax8TopicDefinition = z.infer<typeof pax8TopicDefinitionSchema>;

/** Webhook delivery log model. @internal */
export const pax8WebhookLogModel = defineModel('webhook log', (enumOf) =>
  z.looseObject({
    id: z.string(),
    webhookId: z.string().nullish(),
    webhookName: z.string().nullish(),
    finalStatus: enumOf(PAX8_WEBHOOK_DELIVERY_STATUSES).nullish(),
    callHistory: z
      .array(
        z.looseObject({
          id: z.string().nullish(),
          timestamp: pax8DateSchema.nullish(),
          status: enumOf(PAX8_WEBHOOK_DELIVERY_STATUSES).nullish(),
          errorMessage: z.string().nullish(),
          httpStatusCode: z.number().nullish(),
          payload: z.record(z.string(), z.unknown()).nullish(),
        }),
      )
      .nullish(),
    createdAt: pax8DateSchema.nullish(),
  }),
);
/** Zod schema of a webhook delivery log. */
export const pax8WebhookLogSchema = pax8WebhookLogModel.lenient;
/** One delivery of an event to a webhook, with its call history. */
export type Pax8WebhookLog = z.infer<typeof pax8WebhookLogSchema>;

/** Webhook test result model. @internal */
export const pax8WebhookTestModel = defineModel('webhook test', (enumOf) =>
  z.looseObject({
    url: z.string().nullish(),
    webhook: webhook(enumOf).nullish(),
    samplePayload: z.record(z.string(), z.unknown()).nullish(),
  }),
);
/** Zod schema of the result of `webhooks.topics.test`. */
export const pax8WebhookTestSchema = pax8WebhookTestModel.lenient;
/** The result of sending a test event. */
export type Pax8WebhookTest = z.infer<typeof pax8WebhookTestSchema>;

/** Body model of `webhooks.topics.add` (and items of `webhooks.topics.replace`). @internal */
export const pax8WebhookTopicInputModel = defineModel('webhook topic body', (enumOf) =>
  z.looseObject({ topic: z.string().min(1), filters: z.array(filter(enumOf)) }),
);
/** Zod schema of a topic subscription you send. */
export const pax8WebhookTopicInputSchema = pax8WebhookTopicInputModel.lenient;
/** A topic subscription you send (topic plus filters). */
export type Pax8WebhookTopicInput = z.input<typeof pax8WebhookTopicInputSchema>;

/** Body model of `webhooks.create`. @internal */
export const pax8WebhookCreateModel = defineModel('webhook create body', (enumOf) =>
  z.looseObject({
    displayName: z.string().min(1),
    url: z.string().optional(),
    authorization: z.string().optional(),
    active: z.boolean().optional(),
    contactEmail: z.string().optional(),
    errorThreshold: z.number().int().max(20).optional(),
    integrationId: z.string().optional(),
    webhookTopics: z.array(pax8WebhookTopicInputModel.build(enumOf)).optional(),
  }),
);
/** Zod schema of the body of `webhooks.create`. */
export const pax8WebhookCreateSchema = pax8WebhookCreateModel.lenient;
/** The body of `webhooks.create`. */
export type Pax8WebhookCreate = z.input<typeof pax8WebhookCreateSchema>;

/** Body model of `webhooks.update` (configuration). @internal */
export const pax8WebhookConfigurationModel = defineModel('webhook configuration body', () =>
  z.looseObject({
    displayName: z.string().min(1).optional(),
    url: z.string().optional(),
    authorization: z.string().optional(),
    contactEmail: z.string().optional(),
    errorThreshold: z.number().int().max(20).optional(),
  }),
);
/** Zod schema of the body of `webhooks.update`. */
export const pax8WebhookConfigurationSchema = pax8WebhookConfigurationModel.lenient;
/** The body of `webhooks.update` (display name, URL, authorization, contact, error threshold). */
export type Pax8WebhookConfiguration = z.input<typeof pax8WebhookConfigurationSchema>;

/** Body model of `webhooks.topics.replace`. @internal */
export const pax8WebhookTopicsReplaceModel = defineModel('webhook topics body', (enumOf) =>
  z.looseObject({ webhookTopics: z.array(pax8WebhookTopicInputModel.build(enumOf)) }),
);
/** Body model of `webhooks.topics.updateConfiguration`. @internal */
export const pax8WebhookTopicConfigurationModel = defineModel('webhook topic configuration body', (enumOf) =>
  z.looseObject({ filters: z.array(filter(enumOf)) }),
);
/** Zod schema of the body of `webhooks.topics.updateConfiguration`. */
export const pax8WebhookTopicConfigurationSchema = pax8WebhookTopicConfigurationModel.lenient;
/** The body of `webhooks.topics.updateConfiguration`. */
export type Pax8WebhookTopicConfiguration = z.input<typeof pax8WebhookTopicConfigurationSchema>;
/** Body model of `webhooks.updateStatus`. @internal */
export const pax8WebhookStatusModel = defineModel('webhook status body', () => z.looseObject({ active: z.boolean() }));
