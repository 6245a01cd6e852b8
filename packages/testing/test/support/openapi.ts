import Ajv2019 from 'ajv/dist/2019';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readSnapshot, SNAPSHOT_FILES as SNAPSHOT } from '../../../../scripts/openapi/snapshot';

/** The OpenAPI documents the simulator is held to. */
export const SPEC_FILES = SNAPSHOT;

type Json = Record<string, unknown>;

/** Reads one document of the repository's facts-only snapshot of Pax8's OpenAPI documents (`openapi/`). */
export function loadSpec(file: (typeof SPEC_FILES)[number]): Json {
  return readSnapshot(file);
}

/**
 * Known drift between the documents and what Pax8 really sends, which the simulator serves on purpose.
 * Each entry is applied to a copy of the document's component schemas and paths before conversion
 * (an entry for an operation another document lacks does nothing there).
 */
export const KNOWN_DRIFT: { name: string; apply(schemas: Record<string, Json>, paths: Json): void }[] = [
  {
    name: 'date-time fields carry offsets without a colon (`-0600`) and bare dates (`2020-12-03`); see the documents\' own examples',
    apply: () => undefined,
  },
  {
    name: 'LineItem.required lists companyId and the writeOnly lineItemNumber, which order responses never carry',
    apply: (schemas) => {
      const line = schemas.LineItem;
      if (line) line.required = (line.required as string[]).filter((f) => f !== 'companyId' && f !== 'lineItemNumber');
    },
  },
  {
    name: 'Subscription carries `commitment: { id, term, endDate }` (undocumented) instead of the documented `commitmentTerm`',
    apply: (schemas) => {
      const sub = schemas.Subscription;
      if (sub) (sub.properties as Json).commitment = { $ref: '#/components/schemas/SubscriptionCommitment' };
      const commitment = schemas.SubscriptionCommitment;
      if (commitment) commitment.required = ['id', 'term', 'endDate'];
    },
  },
  {
    name: 'Page lists no required fields and no types; the README states every paged response carries size, totalElements, totalPages and number, all whole numbers',
    apply: (schemas) => {
      const page = schemas.Page;
      if (!page) return;
      page.required = ['size', 'totalElements', 'totalPages', 'number'];
      for (const field of page.required as string[]) Object.assign((page.properties as Json)[field] as Json, { type: 'integer', minimum: 0 });
    },
  },
  {
    name: 'Invoice carries `status` (undocumented in the schema; the invoice list filters and sorts by it)',
    apply: (schemas) => addProperty(schemas.Invoice, 'status', { type: 'string' }),
  },
  {
    name: 'UsageSummary carries `subscriptionId` (undocumented; summaries are listed under their subscription)',
    apply: (schemas) => addProperty(schemas.UsageSummary, 'subscriptionId', { type: 'string', format: 'uuid' }),
  },
  {
    name: 'WebhookLog carries `topicName` (undocumented in the schema; the log list filters by it)',
    apply: (schemas) => addProperty(schemas.WebhookLog, 'topicName', { type: 'string' }),
  },
  {
    name: 'DELETE /subscriptions/{subscriptionId} answers 422 (Error) for a refused cancellation (an early cancel of a commitment that allows none, already cancelled, a bad cancelDate); the document lists only 204 and 404',
    apply: (_schemas, paths) => addResponse(paths, '/subscriptions/{subscriptionId}', 'delete', '422', 'Error'),
  },
];

function addProperty(schema: Json | undefined, name: string, property: Json): void {
  if (schema) (schema.properties as Json)[name] = property;
}

/** Documents a response of an operation, with a component schema as its JSON body. */
function addResponse(paths: Json, path: string, method: string, status: string, component: string): void {
  const operation = (paths[path] as Json | undefined)?.[method] as Json | undefined;
  if (!operation) return;
  operation.responses = { ...(operation.responses as Json), [status]: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${component}` } } } } };
}

const PAX8_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Converts an OpenAPI 3.0 schema to JSON Schema (draft 2019-09) for ajv: `$ref`s to components become
 * `#/$defs/...`, `nullable` becomes a `null` type, Pax8's `date-time` takes its known drift, `writeOnly`
 * properties must not appear in responses, and every object that lists its properties is closed
 * (`unevaluatedProperties: false`, which sees through `allOf`), so a misspelt or undocumented field fails
 * instead of passing silently. Members of an `allOf` stay open: their parent closes them.
 */
export function toJsonSchema(schema: unknown, inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'example' || key === 'examples' || key === 'nullable' || key === 'discriminator' || key === 'xml' || key === 'deprecated') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', '#/$defs/');
    else if (key === 'format' && value === 'date-time') out.format = 'pax8-date-time';
    else if (key === 'properties') {
      const props: Json = {};
      for (const [name, prop] of Object.entries(value as Json)) props[name] = (prop as Json).writeOnly === true ? { not: {} } : toJsonSchema(prop);
      out.properties = props;
    } else if (key === 'allOf' && Array.isArray(value)) out.allOf = value.map((item) => toJsonSchema(item, true));
    else out[key] = toJsonSchema(value);
  }
  if (!inAllOf && out.properties !== undefined && out.additionalProperties === undefined) out.unevaluatedProperties = false;
  if (source.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** A paged response (`content` + `page`, per the README) must carry both blocks; the documents require neither. */
function requirePaging(schema: unknown): unknown {
  const object = schema as Json;
  const properties = object.properties as Json | undefined;
  if (properties?.content !== undefined && properties.page !== undefined) return { ...object, required: [...new Set([...((object.required as string[] | undefined) ?? []), 'content', 'page'])] };
  return schema;
}

/** Validates response bodies of one document against its documented response schemas. */
export interface SpecValidator {
  /** Operations of the document: `'GET /v1/companies/{companyId}'`, with their documented statuses. */
  operations: { key: string; statuses: string[] }[];
  /** Errors of a body against the schema of (operation, status); throws when the status is undocumented. */
  validate(key: string, status: number, body: unknown): string[];
  /** Errors of a body against one component schema of the document (`'Error'`), for statuses no operation documents. */
  validateComponent(name: string, body: unknown): string[];
}

/** Builds the validator of one document; `basePath` is the server path (`/v1`, `/api/v2`). */
export function createSpecValidator(file: (typeof SPEC_FILES)[number], basePath: string): SpecValidator {
  const doc = loadSpec(file);
  const schemas = structuredClone(((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>);
  const paths = structuredClone(doc.paths as Json);
  for (const drift of KNOWN_DRIFT) drift.apply(schemas, paths);
  const defs = toJsonSchema(schemas) as Json;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('pax8-date-time', PAX8_DATE_TIME);
  ajv.addFormat('yyyy-MM-dd', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('phone', /^[0-9+().\s-]+$/);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  const operations: { key: string; statuses: string[]; responses: Json }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const responses = (op as Json).responses as Json | undefined;
      if (!responses) continue;
      operations.push({ key: `${method.toUpperCase()} ${basePath}${path}`, statuses: Object.keys(responses), responses });
    }
  }
  const compiled = new Map<string, ValidateFunction | 'any' | 'none'>();
  const errorsOf = (validate: ValidateFunction, body: unknown): string[] => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
  return {
    operations: operations.map(({ key, statuses }) => ({ key, statuses })),
    validate(key, status, body) {
      const op = operations.find((o) => o.key === key);
      if (!op) throw new Error(`${key} is not an operation of ${file}`);
      const response = op.responses[String(status)] as Json | undefined;
      if (!response) throw new Error(`${key} answered ${status}, which ${file} does not document (documented: ${op.statuses.join(', ')})`);
      const cacheKey = `${key} ${status}`;
      if (!compiled.has(cacheKey)) {
        const content = response.content as Json | undefined;
        const schema = (content?.['application/json'] as Json | undefined)?.schema;
        compiled.set(cacheKey, schema !== undefined ? ajv.compile({ $defs: defs, ...(requirePaging(toJsonSchema(schema)) as Json) }) : content ? 'any' : 'none');
      }
      const validate = compiled.get(cacheKey) as ValidateFunction | 'any' | 'none';
      if (validate === 'any') return [];
      if (validate === 'none') return body === undefined || body === null ? [] : [`${key} ${status} documents no body, got one`];
      return errorsOf(validate, body);
    },
    validateComponent(name, body) {
      if (defs[name] === undefined) throw new Error(`${file} has no component schema ${name}`);
      const cacheKey = `component ${name}`;
      if (!compiled.has(cacheKey)) compiled.set(cacheKey, ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` }));
      return errorsOf(compiled.get(cacheKey) as ValidateFunction, body);
    },
  };
}
