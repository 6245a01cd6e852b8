import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type JsonObject, openApiFacts } from '../openapi/facts-only';
import {
  DIGEST_FILE,
  readSnapshot,
  renderDigests,
  renderSnapshot,
  repositoryRoot,
  SNAPSHOT_FILES,
  SNAPSHOT_FOLDER,
  type SnapshotFile,
  snapshotPath,
  sourcePath,
  sourcesPresent,
} from '../openapi/snapshot';

/** Keywords that carry prose in OpenAPI: none may appear in the snapshot outside a map of names. */
const PROSE = new Set(['description', 'summary', 'title', 'example', 'examples', 'tags', 'externalDocs', 'info', 'termsOfService', 'contact', 'license', 'x-readme']);
/** Keys whose value is a map from names (a property, a schema, a path, a status...) to definitions. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'schemas', 'securitySchemes', 'paths', 'responses', 'content', 'headers', 'scopes', 'variables', 'mapping', 'flows', 'requestBodies', 'parameters']);

/** Every key path in `value` that is a prose keyword in a keyword position. */
function proseKeys(value: unknown, path = '', inNameMap = false): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => proseKeys(item, `${path}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = `${path}/${key}`;
    const found = !inNameMap && (PROSE.has(key) || key.startsWith('x-')) ? [here] : [];
    return [...found, ...proseKeys(child, here, !inNameMap && NAME_MAPS.has(key) && !Array.isArray(child))];
  });
}

/** Every `$ref` in `value` that does not point at a definition of `document`. */
function danglingRefs(document: JsonObject, value: unknown = document): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => danglingRefs(document, item));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    if (key === '$ref' && typeof child === 'string') {
      const target = child
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, part) => (node as JsonObject | undefined)?.[part], document);
      return target === undefined ? [child] : [];
    }
    return danglingRefs(document, child);
  });
}

const committed = (file: string): string => readFileSync(`${repositoryRoot}${SNAPSHOT_FOLDER}/${file}`, 'utf8');

describe('the facts-only snapshot of the Pax8 OpenAPI documents (openapi/)', () => {
  it.each(SNAPSHOT_FILES)('%s holds facts only: no prose keyword anywhere, and projecting it again changes nothing', (file) => {
    const snapshot = readSnapshot(file);
    expect(proseKeys(snapshot)).toEqual([]);
    expect(renderSnapshot(committed(file))).toBe(committed(file));
  });

  it.each(SNAPSHOT_FILES)('%s: every $ref resolves inside the snapshot', (file) => {
    expect(danglingRefs(readSnapshot(file))).toEqual([]);
  });

  it('keeps what the tests check: servers, the token URL, every operation with its responses, parameters and enums', () => {
    const partner = readSnapshot('partner-endpoints.json') as {
      servers: { url: string }[];
      paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string }[]; responses: JsonObject }>>;
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }>; securitySchemes: Record<string, { flows: { clientCredentials: { tokenUrl: string } } }> };
    };
    expect(partner.servers).toEqual([{ url: 'https://api.pax8.com/v1' }]);
    expect(partner.components.securitySchemes.OAuth2?.flows.clientCredentials.tokenUrl).toBe('https://token-manager.pax8.com/oauth/token');
    expect(readSnapshot('webhooks-api.json').servers).toEqual([{ url: 'https://api.pax8.com/api/v2' }]);
    const operations = Object.values(partner.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(25);
    for (const operation of operations) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    expect(partner.paths['/companies']?.get?.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('query:page');
    expect(partner.components.schemas.Subscription?.properties.status?.enum).toContain('PendingManual');
  });

  it(`matches ../shared/pax8-openapi when the documents are present, and always its own ${DIGEST_FILE}`, () => {
    const texts = Object.fromEntries(SNAPSHOT_FILES.map((file) => [file, committed(file)])) as Record<SnapshotFile, string>;
    expect(committed(DIGEST_FILE), `${SNAPSHOT_FOLDER}/ was edited by hand: regenerate it with \`pnpm openapi:snapshot\``).toBe(renderDigests(texts));
    if (!sourcesPresent()) return;
    for (const file of SNAPSHOT_FILES) {
      const fresh = renderSnapshot(readFileSync(sourcePath(file), 'utf8'));
      expect(fresh === texts[file], `${SNAPSHOT_FOLDER}/${file} differs from Pax8's documents: run \`pnpm openapi:snapshot\` and commit`).toBe(true);
    }
  });

  it('the projection drops prose at every level and keeps properties that are named like prose keywords', () => {
    const prose = { description: 'd', summary: 's', title: 't', example: 1, examples: { a: { value: 1 } }, 'x-readme': {} };
    const document = {
      openapi: '3.0.1',
      info: { title: 'API', version: '1', termsOfService: 'https://terms.example' },
      tags: [{ name: 'T', description: 'd' }],
      servers: [{ url: 'https://api.example/v1', description: 'prod' }],
      paths: {
        '/things/{id}': {
          ...prose,
          parameters: [{ name: 'id', in: 'path', required: true, ...prose, schema: { type: 'string', ...prose } }],
          get: {
            ...prose,
            tags: ['T'],
            operationId: 'getThing',
            responses: { '200': { ...prose, content: { 'application/json': { ...prose, schema: { $ref: '#/components/schemas/Thing' } } } }, '404': { description: 'gone' } },
          },
        },
      },
      components: {
        examples: { thing: { value: { id: 1 } } },
        securitySchemes: { OAuth2: { type: 'oauth2', ...prose, flows: { clientCredentials: { tokenUrl: 'https://token.example', scopes: { read: 'Reads things' } } } } },
        schemas: {
          Thing: {
            type: 'object',
            ...prose,
            required: ['description'],
            properties: {
              description: { type: 'string', ...prose },
              example: { type: 'array', items: { type: 'string', enum: ['A', 'B'], ...prose } },
              kind: { allOf: [{ $ref: '#/components/schemas/Kind' }], ...prose },
            },
            additionalProperties: false,
          },
          Kind: { type: 'string', enum: ['one', 'two'], format: 'kind', ...prose },
        },
      },
    };
    expect(openApiFacts(document)).toEqual({
      openapi: '3.0.1',
      servers: [{ url: 'https://api.example/v1' }],
      paths: {
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          get: { operationId: 'getThing', responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, '404': {} } },
        },
      },
      components: {
        securitySchemes: { OAuth2: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://token.example', scopes: { read: '' } } } } },
        schemas: {
          Thing: {
            type: 'object',
            required: ['description'],
            properties: {
              description: { type: 'string' },
              example: { type: 'array', items: { type: 'string', enum: ['A', 'B'] } },
              kind: { allOf: [{ $ref: '#/components/schemas/Kind' }] },
            },
            additionalProperties: false,
          },
          Kind: { type: 'string', enum: ['one', 'two'], format: 'kind' },
        },
      },
    });
    expect(proseKeys(document).length).toBeGreaterThan(20);
    expect(proseKeys(openApiFacts(document))).toEqual([]);
  });

  it('reading a file the snapshot lacks names the repository path and the fix, no machine path', () => {
    expect(() => readSnapshot('nope.json' as SnapshotFile)).toThrow(/^openapi\/nope\.json is missing from the repository: .*pnpm openapi:snapshot/);
    expect(snapshotPath('authentication.json').startsWith(repositoryRoot)).toBe(true);
  });
});
