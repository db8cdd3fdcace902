/**
 * The OpenAPI 3.1 document of the /v1 surface, generated from the route table and the very zod
 * schemas that validate the requests (zod 4's z.toJSONSchema, JSON Schema 2020-12, the dialect
 * OpenAPI 3.1 uses). Served at GET /_mock/openapi.json. It states the faithful contract; where
 * --strict-requests reads a schema more narrowly, the narrower keywords are given beside it in an
 * `x-strict-requests` extension (additionalProperties, maxLength, uniqueItems).
 */
import { z } from 'zod';
import { ErrorResponse } from '../schemas/errorResponse.ts';
import type { Readings } from '../schemas/readings.ts';
import { FILE_LIMIT_BYTES, FILE_LIMIT_MIB_BYTES } from '../storage/fileLimits.ts';
import { ROUTES, type RouteSpec } from './index.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid parameters, or verification failed (a validation message names each field: "checksum: must be…")',
  401: 'Missing, invalid or expired bearer token',
  403: 'Token lacks the partner-endpoint scope',
  404: 'Key, user or backup not found',
  409: 'Key already assigned for this user and organisation',
  413: 'Payload too large (over 10MB)',
  415: 'Unsupported Content-Type (of the request, or of the file part)',
  500: 'Internal error',
};

/** The error body's schema, named here too for the step library. */
export { ErrorResponse };

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The faithful schema, with what the strict one adds at each node under `x-strict-requests`. */
function markStrict(faithful: JsonSchema, strict: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...faithful };
  const extras: JsonSchema = {};
  for (const [key, value] of Object.entries(strict)) {
    const mine = faithful[key];
    if (key === 'properties' && isSchema(mine) && isSchema(value)) {
      out.properties = Object.fromEntries(
        Object.entries(mine).map(([name, schema]) => [
          name,
          isSchema(value[name]) && isSchema(schema)
            ? markStrict(schema, value[name] as JsonSchema)
            : schema,
        ]),
      );
    } else if (isSchema(mine) && isSchema(value)) {
      out[key] = markStrict(mine, value);
    } else if (JSON.stringify(mine) !== JSON.stringify(value)) {
      extras[key] = value;
    }
  }
  return Object.keys(extras).length > 0 ? { ...out, 'x-strict-requests': extras } : out;
}

function requestSchema(request: Readings): JsonSchema {
  return markStrict(jsonSchema(request.faithful, 'input'), jsonSchema(request.strict, 'input'));
}

/** Express `:name` segments as OpenAPI `{name}` templates. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(route: RouteSpec): JsonSchema[] {
  const shape = route.params
    ? (jsonSchema(route.params, 'input').properties as Record<string, JsonSchema>)
    : {};
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema,
  }));
}

function requestBody(route: RouteSpec): JsonSchema | undefined {
  if (!route.request) return undefined;
  const schema = requestSchema(route.request);
  if (route.body === 'json') return { required: true, content: { 'application/json': { schema } } };
  const properties = {
    ...(schema.properties as JsonSchema),
    file: {
      type: 'string',
      contentMediaType: 'application/octet-stream',
      maxLength: FILE_LIMIT_MIB_BYTES,
      'x-strict-requests': { maxLength: FILE_LIMIT_BYTES },
      description: `The already-encrypted file, at most 10 MiB (${FILE_LIMIT_MIB_BYTES} bytes); over ${FILE_LIMIT_BYTES} bytes it is stored and named file_size_ambiguous (refused with 413 under --strict-requests).`,
    },
  };
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          ...schema,
          properties,
          required: [...((schema.required as string[]) ?? []), 'file'],
        },
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
      '200': {
        description: route.response.description,
        content: { 'application/json': { schema: jsonSchema(route.response.schema, 'output') } },
      },
      ...Object.fromEntries(
        route.errors.map((status) => [
          String(status),
          { $ref: `#/components/responses/Error${status}` },
        ]),
      ),
    },
  };
}

export function openApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES)
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route);
  const statuses = [...new Set(ROUTES.flatMap((route) => route.errors))].sort((a, b) => a - b);
  return {
    openapi: '3.1.0',
    info: {
      title: 'coincover-mock: CoinCover keys service',
      version: '1',
      description:
        "A local mock of CoinCover's Partner Key Service and standard keys endpoints. See docs/coincover-api.md and the README's Fidelity section. The schemas state what the published documents allow; `x-strict-requests` gives the narrower rules a mock started with --strict-requests enforces.",
    },
    servers: [
      ...(serverUrl ? [{ url: serverUrl, description: 'This mock' }] : []),
      { url: 'https://service.uat-keys.coincover.com', description: 'CoinCover UAT (sandbox)' },
    ],
    tags: [{ name: 'Partner Key Service' }, { name: 'Recovery for Institutions' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key or a JWT.' },
      },
      schemas: { ErrorResponse: jsonSchema(ErrorResponse, 'output') },
      responses: Object.fromEntries(
        statuses.map((status) => [
          `Error${status}`,
          {
            description: STATUS_TEXT[status] ?? String(status),
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } },
            },
          },
        ]),
      ),
    },
  };
}
