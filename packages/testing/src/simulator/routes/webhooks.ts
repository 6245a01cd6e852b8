import { WEBHOOK_TOPICS } from '../catalog';
import { asObject, booleanParam, type ErrorDetail, HttpFailure, notFound, pageRequest, paged, type Route, sortBy, sortParam } from '../http';
import type { Pax8SimWebhook, Pax8SimWebhookFilter, Pax8SimWebhookLog, Pax8SimWebhookTopic } from '../records';
import type { World } from '../world';

const OPERATORS = ['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'IN', 'NOT_IN', 'CONTAINS'];
const TOPIC_NAMES: string[] = WEBHOOK_TOPICS.map(([topic]) => topic);

/** The webhook as served: the authorization secret is never echoed back. */
function view(hook: Pax8SimWebhook): Omit<Pax8SimWebhook, 'authorization'> {
  const { authorization: _secret, ...rest } = hook;
  return rest;
}

function locate(world: World, id: string): Pax8SimWebhook {
  const hook = world.webhooks.get(id);
  if (!hook) throw notFound('Webhook', id);
  return hook;
}

function validateFilters(value: unknown, at: string, details: ErrorDetail[]): Pax8SimWebhookFilter[] {
  if (!Array.isArray(value)) {
    details.push({ message: `${at} must be an array` });
    return [];
  }
  return value.map((raw: unknown, k) => {
    const f = (raw ?? {}) as Record<string, unknown>;
    if (typeof f.action !== 'string') details.push({ message: `${at}[${k}].action is required` });
    const conditions = Array.isArray(f.conditions) ? f.conditions : [];
    if (!Array.isArray(f.conditions)) details.push({ message: `${at}[${k}].conditions must be an array` });
    return {
      action: String(f.action ?? ''),
      conditions: conditions.map((c: unknown, j) => {
        const cond = (c ?? {}) as Record<string, unknown>;
        if (typeof cond.field !== 'string') details.push({ message: `${at}[${k}].conditions[${j}].field is required` });
        if (!OPERATORS.includes(cond.operator as string)) details.push({ message: `${at}[${k}].conditions[${j}].operator must be one of ${OPERATORS.join(', ')}` });
        if (!Array.isArray(cond.value) || cond.value.some((v: unknown) => typeof v !== 'string')) details.push({ message: `${at}[${k}].conditions[${j}].value must be an array of strings` });
        return { field: String(cond.field ?? ''), operator: String(cond.operator ?? ''), value: Array.isArray(cond.value) ? cond.value.map(String) : [] };
      }),
    };
  });
}

function validateTopics(world: World, value: unknown, at: string, details: ErrorDetail[]): Pax8SimWebhookTopic[] {
  if (!Array.isArray(value)) {
    details.push({ message: `${at} must be an array` });
    return [];
  }
  return value.map((raw: unknown, k) => topicFrom(world, raw, `${at}[${k}]`, details));
}

function topicFrom(world: World, raw: unknown, at: string, details: ErrorDetail[]): Pax8SimWebhookTopic {
  const t = (raw ?? {}) as Record<string, unknown>;
  if (typeof t.topic !== 'string' || !TOPIC_NAMES.includes(t.topic)) details.push({ message: `${at}.topic must be one of ${TOPIC_NAMES.join(', ')}` });
  return { id: world.freshId('webhookTopic'), topic: String(t.topic ?? ''), filters: validateFilters(t.filters ?? [], `${at}.filters`, details) };
}

function fail(details: ErrorDetail[]): void {
  if (details.length > 0) throw new HttpFailure(400, details[0]?.message ?? 'Invalid request', details);
}

function save(world: World, hook: Pax8SimWebhook, patch: Partial<Pax8SimWebhook>): { status: number; body: unknown } {
  return { status: 200, body: view(world.api.webhooks.update(hook.id, patch)) };
}

function configuration(body: Record<string, unknown>, details: ErrorDetail[]): Partial<Pax8SimWebhook> {
  const patch: Partial<Pax8SimWebhook> = {};
  for (const field of ['displayName', 'url', 'authorization', 'contactEmail'] as const) {
    if (body[field] === undefined) continue;
    if (typeof body[field] !== 'string') details.push({ message: `${field} must be a string` });
    else patch[field] = body[field] as string;
  }
  if (body.errorThreshold !== undefined) {
    const v = body.errorThreshold;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 20) details.push({ message: 'errorThreshold must be a whole number from 0 to 20' });
    else patch.errorThreshold = v;
  }
  return patch;
}

function topicDefinition([topic, name, description]: (typeof WEBHOOK_TOPICS)[number], world: World): Record<string, unknown> {
  return {
    topic,
    name,
    description,
    availableFilters: [
      {
        action: 'UPDATED',
        actionDisplayName: 'Updated',
        description: `${name} updated`,
        conditions: [{ field: 'status', operator: ['EQUALS', 'IN', 'NOT_IN'], dataType: 'string', description: `${name} status`, value: 'Active' }],
      },
    ],
    samplePayload: {
      accountId: world.accountId,
      url: 'https://psa.example.com/hooks/pax8',
      webhookId: world.gen.codecs.webhook.encode(0),
      sentAt: new Date(world.options.reference).toISOString(),
      webhookTopic: { id: world.gen.codecs.webhookTopic.encode(0), topic, filters: [] },
      payloadData: { id: world.gen.codecs.subscription.encode(0), action: 'UPDATED' },
    },
  };
}

/** The webhooks API (`/api/v2/webhooks...`). */
export const webhookRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v2/webhooks',
    family: 'webhooks',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const active = booleanParam(url, 'active');
      const query = url.searchParams.get('query')?.toLowerCase() || undefined;
      const topic = url.searchParams.get('topic') || undefined;
      const status = url.searchParams.get('status') || undefined;
      const accountId = url.searchParams.get('accountId') || undefined;
      const sort = sortParam(url, ['displayName', 'createdAt', 'updatedAt', 'active'], ':');
      let list: Pax8SimWebhook[] = [];
      for (const i of world.webhooks.positions()) {
        const h = world.webhooks.at(i);
        if (active !== undefined && h.active !== active) continue;
        if (query !== undefined && !`${h.displayName} ${h.url ?? ''}`.toLowerCase().includes(query)) continue;
        if (topic !== undefined && !h.webhookTopics.some((t) => t.topic === topic)) continue;
        if (status !== undefined && h.lastDeliveryStatus !== status) continue;
        if (accountId !== undefined && h.accountId !== accountId) continue;
        list.push(h);
      }
      list = sortBy(list, sort, (h, field) => (h as unknown as Record<string, unknown>)[field]);
      return { status: 200, body: paged(list, request, view) };
    },
  },
  {
    method: 'POST',
    path: '/api/v2/webhooks',
    family: 'webhooks',
    handle: async ({ json, world }) => {
      const body = asObject(await json(), 'Webhook');
      const details: ErrorDetail[] = [];
      if (typeof body.displayName !== 'string' || body.displayName.trim() === '') details.push({ message: 'displayName is required' });
      const patch = configuration(body, details);
      if (body.active !== undefined && typeof body.active !== 'boolean') details.push({ message: 'active must be true or false' });
      if (body.integrationId !== undefined && typeof body.integrationId !== 'string') details.push({ message: 'integrationId must be a UUID' });
      const topics = validateTopics(world, body.webhookTopics ?? [], 'webhookTopics', details);
      fail(details);
      const created = world.api.webhooks.add({
        ...patch,
        active: body.active === true,
        errorThreshold: patch.errorThreshold ?? 3,
        webhookTopics: topics,
        ...(typeof body.integrationId === 'string' ? { integrationId: body.integrationId } : {}),
      });
      world.webhookLogs.set(created.id, []);
      return { status: 200, body: view(created) };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/webhooks/topic-definitions',
    family: 'webhooks',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const search = url.searchParams.get('search')?.toLowerCase() || undefined;
      const topic = url.searchParams.get('topic') || undefined;
      const list = WEBHOOK_TOPICS.filter(([t, name, description]) => (topic === undefined || t === topic) && (search === undefined || `${t} ${name} ${description}`.toLowerCase().includes(search)));
      const { content, page } = paged(list, request, (d) => topicDefinition(d, world));
      return { status: 200, body: { content, ...page } };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/webhooks/{id}',
    family: 'webhooks',
    handle: ({ params, world }) => ({ status: 200, body: view(locate(world, params.id as string)) }),
  },
  {
    method: 'DELETE',
    path: '/api/v2/webhooks/{id}',
    family: 'webhooks',
    handle: ({ params, world }) => {
      world.api.webhooks.remove(locate(world, params.id as string).id);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: '/api/v2/webhooks/{id}/configuration',
    family: 'webhooks',
    handle: async ({ params, json, world }) => {
      const hook = locate(world, params.id as string);
      const details: ErrorDetail[] = [];
      const patch = configuration(asObject(await json(), 'Configuration'), details);
      fail(details);
      return save(world, hook, patch);
    },
  },
  {
    method: 'POST',
    path: '/api/v2/webhooks/{id}/status',
    family: 'webhooks',
    handle: async ({ params, json, world }) => {
      const hook = locate(world, params.id as string);
      const body = asObject(await json(), 'Status');
      if (typeof body.active !== 'boolean') throw new HttpFailure(400, 'active is required and must be true or false');
      return save(world, hook, { active: body.active });
    },
  },
  {
    method: 'POST',
    path: '/api/v2/webhooks/{id}/topics',
    family: 'webhooks',
    handle: async ({ params, json, world }) => {
      const hook = locate(world, params.id as string);
      const details: ErrorDetail[] = [];
      const body = asObject(await json(), 'Topic');
      if (body.filters === undefined) details.push({ message: 'filters is required' });
      const topic = topicFrom(world, body, 'topic', details);
      if (hook.webhookTopics.some((t) => t.topic === topic.topic)) details.push({ message: `topic ${topic.topic} is already subscribed` });
      fail(details);
      return save(world, hook, { webhookTopics: [...hook.webhookTopics, topic] });
    },
  },
  {
    method: 'PUT',
    path: '/api/v2/webhooks/{id}/topics',
    family: 'webhooks',
    handle: async ({ params, json, world }) => {
      const hook = locate(world, params.id as string);
      const details: ErrorDetail[] = [];
      const body = asObject(await json(), 'Topics');
      const topics = validateTopics(world, body.webhookTopics, 'webhookTopics', details);
      fail(details);
      return save(world, hook, { webhookTopics: topics });
    },
  },
  {
    method: 'DELETE',
    path: '/api/v2/webhooks/{id}/topics/{topicId}',
    family: 'webhooks',
    handle: ({ params, world }) => {
      const hook = locate(world, params.id as string);
      const rest = hook.webhookTopics.filter((t) => t.id !== params.topicId);
      if (rest.length === hook.webhookTopics.length) throw notFound('Webhook topic', params.topicId as string);
      world.api.webhooks.update(hook.id, { webhookTopics: rest });
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: '/api/v2/webhooks/{id}/topics/{topicId}/configuration',
    family: 'webhooks',
    handle: async ({ params, json, world }) => {
      const hook = locate(world, params.id as string);
      if (!hook.webhookTopics.some((t) => t.id === params.topicId)) throw notFound('Webhook topic', params.topicId as string);
      const details: ErrorDetail[] = [];
      const body = asObject(await json(), 'Topic configuration');
      const filters = validateFilters(body.filters, 'filters', details);
      fail(details);
      return save(world, hook, { webhookTopics: hook.webhookTopics.map((t) => (t.id === params.topicId ? { ...t, filters } : t)) });
    },
  },
  {
    method: 'POST',
    path: '/api/v2/webhooks/{id}/topics/{topic}/test',
    family: 'webhooks',
    handle: ({ params, world }) => {
      const hook = locate(world, params.id as string);
      const definition = WEBHOOK_TOPICS.find(([t]) => t === params.topic);
      if (!definition) throw new HttpFailure(400, `topic must be one of ${TOPIC_NAMES.join(', ')}`);
      const sample = topicDefinition(definition, world).samplePayload as Record<string, unknown>;
      return { status: 200, body: { url: hook.url ?? '', webhook: view(hook), samplePayload: { ...sample, webhookId: hook.id, url: hook.url ?? '' } } };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/webhooks/{webhookId}/logs',
    family: 'webhooks',
    handle: ({ url, params, world }) => {
      const hook = locate(world, params.webhookId as string);
      const request = pageRequest(url);
      const topicName = url.searchParams.get('topicName') || undefined;
      const status = url.searchParams.get('status') || undefined;
      const start = url.searchParams.get('startDate') || undefined;
      const end = url.searchParams.get('endDate') || undefined;
      const query = url.searchParams.get('query')?.toLowerCase() || undefined;
      const sort = sortParam(url, ['createdAt', 'finalStatus', 'topicName'], ':');
      let list = (world.webhookLogs.get(hook.id) ?? []).filter(
        (l) =>
          (topicName === undefined || l.topicName === topicName) &&
          (status === undefined || l.finalStatus === status) &&
          (start === undefined || l.createdAt >= start) &&
          (end === undefined || l.createdAt <= end) &&
          (query === undefined || JSON.stringify(l).toLowerCase().includes(query)),
      );
      list = sortBy(list, sort, (l, field) => (l as unknown as Record<string, unknown>)[field]);
      return { status: 200, body: paged(list, request, (l) => l) };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/webhooks/{webhookId}/logs/{id}',
    family: 'webhooks',
    handle: ({ params, world }) => {
      const hook = locate(world, params.webhookId as string);
      const log = (world.webhookLogs.get(hook.id) ?? []).find((l) => l.id === params.id);
      if (!log) throw notFound('Webhook log', params.id as string);
      return { status: 200, body: log };
    },
  },
  {
    method: 'POST',
    path: '/api/v2/webhooks/{webhookId}/logs/{logId}/retry',
    family: 'webhooks',
    handle: ({ params, world }) => {
      const hook = locate(world, params.webhookId as string);
      const logs = world.webhookLogs.get(hook.id) ?? [];
      const k = logs.findIndex((l) => l.id === params.logId);
      if (k < 0) throw notFound('Webhook log', params.logId as string);
      const log = logs[k] as Pax8SimWebhookLog;
      if (world.changes.redeliver(hook, log)) return { status: 202 };
      logs[k] = {
        ...log,
        finalStatus: 'RETRYING',
        callHistory: [...log.callHistory, { id: world.freshId('webhookCall'), timestamp: new Date(world.options.now()).toISOString(), status: 'PENDING' }],
      };
      return { status: 202 };
    },
  },
];
