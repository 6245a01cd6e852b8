import { readSnapshot, type SnapshotFile } from '../../../../scripts/openapi/snapshot';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  readOnly?: boolean;
};
interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}
interface Document {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** The operation of Pax8's OpenAPI document (the repository's snapshot) that an absolute request URL and method hit. */
export function operationFor(file: SnapshotFile, method: string, absoluteUrl: string): { path: string; operation: Operation; query: string[] } | undefined {
  const doc = readSnapshot(file) as unknown as Document;
  const base = new URL(doc.servers[0]?.url ?? '').pathname.replace(/\/$/, '');
  const url = new URL(absoluteUrl);
  const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
  for (const [template, operations] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = operations[method.toLowerCase()];
    if (pattern.test(path) && operation) return { path: template, operation, query: [...url.searchParams.keys()] };
  }
  return undefined;
}

/**
 * What is wrong with `value` as the JSON request body of that operation: unknown keys, missing
 * required keys, wrong primitive types, values outside an enum. Empty when it matches. `ignore`
 * lists required keys the document requires by mistake (e.g. `companyId` on a line item).
 */
export function bodyProblems(file: SnapshotFile, method: string, absoluteUrl: string, value: unknown, ignore: string[] = []): string[] {
  const doc = readSnapshot(file) as unknown as Document;
  const found = operationFor(file, method, absoluteUrl);
  const schema = found?.operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return [`no JSON request body for ${method} ${absoluteUrl}`];
  return check(doc, schema, value, 'body', new Set(ignore));
}

function resolve(doc: Document, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {});
  if (!schema.allOf) return schema;
  // allOf: the union of properties and required keys; an anyOf inside it only adds alternatives.
  const parts = schema.allOf.map((part) => resolve(doc, part));
  if (parts.length === 1 && parts[0]) return parts[0];
  const properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}), ...parts.flatMap((p) => (p.anyOf ?? []).map((a) => resolve(doc, a).properties ?? {})));
  return { type: 'object', properties, required: parts.flatMap((p) => p.required ?? []) };
}

function check(doc: Document, raw: Schema, value: unknown, at: string, ignore: Set<string>): string[] {
  const schema = resolve(doc, raw);
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  if (schema.type === 'array' || schema.items) {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((item, n) => check(doc, schema.items ?? {}, item, `${at}[${n}]`, ignore));
  }
  if (schema.type === 'object' || schema.properties) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not an object`];
    const properties = schema.properties ?? {};
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !(key in properties)).map((key) => `${at}.${key}: not in the document`);
    const readOnly = Object.keys(record).filter((key) => properties[key]?.readOnly).map((key) => `${at}.${key}: read-only`);
    const missing = (schema.required ?? []).filter((key) => !(key in record) && !ignore.has(key)).map((key) => `${at}.${key}: required`);
    const nested = Object.entries(record).flatMap(([key, inner]) => (properties[key] ? check(doc, properties[key], inner, `${at}.${key}`, ignore) : []));
    return [...unknown, ...readOnly, ...missing, ...nested];
  }
  const types: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    number: (v) => typeof v === 'number',
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === 'boolean',
  };
  const ok = schema.type === undefined || (types[schema.type]?.(value) ?? true);
  return ok ? [] : [`${at}: ${JSON.stringify(value)} is not a ${schema.type}`];
}
