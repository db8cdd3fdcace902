/**
 * The OpenAPI 3.1 document of the /v1 surface, generated from the route table and the very zod
 * schemas that validate the requests (zod 4's z.toJSONSchema, JSON Schema 2020-12, the dialect
 * OpenAPI 3.1 uses). Served at GET /_mock/openapi.json.
 */
import { z } from 'zod';
import { FILE_LIMIT_BYTES } from '../transport.ts';
import { ROUTES, type RouteSpec } from './index.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid parameters, or verification failed (a field-keyed message for validation errors)',
  401: 'Missing, invalid or expired bearer token',
  403: 'Token lacks the partner-endpoint scope',
  404: 'Key, user or backup not found',
  409: 'Key already assigned for this user and organisation',
  413: 'Payload too large (over 10MB)',
  415: 'Unsupported Content-Type (of the request, or of the file part)',
  500: 'Internal error',
};

export const ErrorResponse = z.object({
  error: z.string().meta({ description: 'Error type: the HTTP reason phrase.' }),
  message: z.union([z.string(), z.record(z.string(), z.array(z.string()))]).meta({ description: 'Error message, or validation errors keyed by field.' }),
});

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Express `:name` segments as OpenAPI `{name}` templates. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(route: RouteSpec): JsonSchema[] {
  const shape = route.params ? (jsonSchema(route.params, 'input').properties as Record<string, JsonSchema>) : {};
  return Object.entries(shape).map(([name, schema]) => ({ name, in: 'path', required: true, schema }));
}

function requestBody(route: RouteSpec): JsonSchema | undefined {
  if (!route.request) return undefined;
  const schema = jsonSchema(route.request, 'input');
  if (route.body === 'json') return { required: true, content: { 'application/json': { schema } } };
  const properties = {
    ...(schema.properties as JsonSchema),
    file: { type: 'string', contentMediaType: 'application/octet-stream', description: `The already-encrypted file, at most ${FILE_LIMIT_BYTES} bytes.` },
  };
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: { ...schema, properties, required: [...((schema.required as string[]) ?? []), 'file'] },
        encoding: { file: { contentType: 'application/octet-stream' } },
      },
    },
  };
}

function operation(route: RouteSpec): JsonSchema {
  const body = requestBody(route);
  const params = parameters(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: [{ bearer: [] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      '200': { description: route.response.description, content: { 'application/json': { schema: jsonSchema(route.response.schema, 'output') } } },
      ...Object.fromEntries(route.errors.map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }])),
    },
  };
}

export function openApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route);
  const statuses = [...new Set(ROUTES.flatMap((route) => route.errors))].sort((a, b) => a - b);
  return {
    openapi: '3.1.0',
    info: {
      title: 'coincover-mock: CoinCover keys service',
      version: '1',
      description: "A local mock of CoinCover's Partner Key Service and standard keys endpoints. See docs/coincover-api.md and the README's Fidelity section.",
    },
    servers: [
      ...(serverUrl ? [{ url: serverUrl, description: 'This mock' }] : []),
      { url: 'https://service.uat-keys.coincover.com', description: 'CoinCover UAT (sandbox)' },
    ],
    tags: [{ name: 'Partner Key Service' }, { name: 'Recovery for Institutions' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key or a JWT.' } },
      schemas: { ErrorResponse: jsonSchema(ErrorResponse, 'output') },
      responses: Object.fromEntries(
        statuses.map((status) => [
          `Error${status}`,
          { description: STATUS_TEXT[status] ?? String(status), content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } },
        ]),
      ),
    },
  };
}
