/**
 * The facts-only projection of an OpenAPI 3.0/3.1 document: what the tests check the client and the
 * simulator against (operations, paths, methods, parameters, enum values, schema shapes, servers,
 * security schemes), and none of the document's prose (descriptions, summaries, titles, examples,
 * tags, vendor extensions).
 *
 * It is a whitelist walked by context: a key is kept only where OpenAPI gives it a meaning, so a
 * schema property that happens to be called `description` or `example` stays, and the prose keyword
 * of the same name goes.
 */

/** A JSON object as read from an OpenAPI document. */
export type JsonObject = Record<string, unknown>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** Schema keywords whose value is a plain fact (copied as is). */
const SCHEMA_FACTS = new Set([
  '$ref',
  'type',
  'format',
  'enum',
  'const',
  'required',
  'nullable',
  'readOnly',
  'writeOnly',
  'deprecated',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
]);
/** Schema keywords holding one sub-schema (or, for `additionalProperties`, a boolean). */
const SCHEMA_ONE = new Set(['items', 'not', 'additionalProperties', 'unevaluatedProperties', 'contains']);
/** Schema keywords holding a list of sub-schemas. */
const SCHEMA_LIST = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems']);
/** Schema keywords holding a map of name to sub-schema. */
const SCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs']);

const PARAMETER_FACTS = new Set(['$ref', 'name', 'in', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps the keys of `source` that `keep` maps to a value, in the source's order. */
function pick(source: unknown, keep: (key: string, value: unknown) => unknown): JsonObject {
  const out: JsonObject = {};
  if (!isObject(source)) return out;
  for (const [key, value] of Object.entries(source)) {
    const kept = keep(key, value);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

function mapValues(source: unknown, each: (value: unknown) => unknown): JsonObject {
  return pick(source, (_key, value) => each(value));
}

/** The shape of one schema: types, properties, required, items, formats, enums, composition. */
export function schemaFacts(schema: unknown): unknown {
  if (typeof schema === 'boolean') return schema;
  return pick(schema, (key, value) => {
    if (SCHEMA_FACTS.has(key)) return value;
    if (SCHEMA_ONE.has(key)) return schemaFacts(value);
    if (SCHEMA_LIST.has(key)) return Array.isArray(value) ? value.map(schemaFacts) : undefined;
    if (SCHEMA_MAP.has(key)) return mapValues(value, schemaFacts);
    if (key === 'discriminator') return pick(value, (k, v) => (k === 'propertyName' || k === 'mapping' ? v : undefined));
    return undefined;
  });
}

function contentFacts(content: unknown): JsonObject {
  return mapValues(content, (media) => pick(media, (key, value) => (key === 'schema' ? schemaFacts(value) : undefined)));
}

function parameterFacts(parameter: unknown): JsonObject {
  return pick(parameter, (key, value) => {
    if (PARAMETER_FACTS.has(key)) return value;
    if (key === 'schema') return schemaFacts(value);
    if (key === 'content') return contentFacts(value);
    return undefined;
  });
}

function parameterList(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value.map(parameterFacts) : undefined;
}

function responseFacts(response: unknown): JsonObject {
  return pick(response, (key, value) => {
    if (key === '$ref') return value;
    if (key === 'content') return contentFacts(value);
    if (key === 'headers') return mapValues(value, parameterFacts);
    return undefined;
  });
}

function operationFacts(operation: unknown): JsonObject {
  return pick(operation, (key, value) => {
    if (key === 'operationId' || key === 'security' || key === 'deprecated') return value;
    if (key === 'parameters') return parameterList(value);
    if (key === 'requestBody') return pick(value, (k, v) => (k === 'required' || k === '$ref' ? v : k === 'content' ? contentFacts(v) : undefined));
    if (key === 'responses') return mapValues(value, responseFacts);
    return undefined;
  });
}

function pathItemFacts(item: unknown): JsonObject {
  return pick(item, (key, value) => {
    if (HTTP_METHODS.has(key)) return operationFacts(value);
    if (key === 'parameters') return parameterList(value);
    if (key === '$ref') return value;
    return undefined;
  });
}

function serverFacts(server: unknown): JsonObject {
  return pick(server, (key, value) => {
    if (key === 'url') return value;
    if (key === 'variables') return mapValues(value, (variable) => pick(variable, (k, v) => (k === 'default' || k === 'enum' ? v : undefined)));
    return undefined;
  });
}

function flowFacts(flow: unknown): JsonObject {
  return pick(flow, (key, value) => {
    if (key === 'tokenUrl' || key === 'authorizationUrl' || key === 'refreshUrl') return value;
    // Scope names are facts; what each scope is for is prose.
    if (key === 'scopes') return mapValues(value, () => '');
    return undefined;
  });
}

function securitySchemeFacts(scheme: unknown): JsonObject {
  return pick(scheme, (key, value) => {
    if (['$ref', 'type', 'scheme', 'bearerFormat', 'in', 'name', 'openIdConnectUrl'].includes(key)) return value;
    if (key === 'flows') return mapValues(value, flowFacts);
    return undefined;
  });
}

function componentsFacts(components: unknown): JsonObject {
  return pick(components, (key, value) => {
    if (key === 'schemas') return mapValues(value, schemaFacts);
    if (key === 'securitySchemes') return mapValues(value, securitySchemeFacts);
    if (key === 'parameters' || key === 'headers') return mapValues(value, parameterFacts);
    if (key === 'responses') return mapValues(value, responseFacts);
    if (key === 'requestBodies') return mapValues(value, (body) => pick(body, (k, v) => (k === 'required' ? v : k === 'content' ? contentFacts(v) : undefined)));
    return undefined;
  });
}

/** The facts-only projection of a whole OpenAPI document. */
export function openApiFacts(document: unknown): JsonObject {
  return pick(document, (key, value) => {
    if (key === 'openapi' || key === 'security') return value;
    if (key === 'servers') return Array.isArray(value) ? value.map(serverFacts) : undefined;
    if (key === 'paths') return mapValues(value, pathItemFacts);
    if (key === 'components') return componentsFacts(value);
    return undefined;
  });
}
