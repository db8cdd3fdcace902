/**
 * The OpenAPI 3.1 document of the /_mock control plane, served at GET /_mock/control-openapi.json
 * (GET /_mock/openapi.json documents the faithful /v1 surface and nothing else). Its query and
 * body schemas are the zod schemas the routes validate with; a unit test checks that it lists
 * exactly the routes the control plane serves.
 */
import { z } from 'zod';
import { FAULT_CODES, type FaultCode } from '../diagnostics/findings.ts';
import type { JournalEntry } from '../diagnostics/journal.ts';
import { openApiPath } from '../routes/openApiDocument.ts';
import { MintRequest } from './mintRequest.ts';
import { ArmRequest } from './faultSwitches.ts';
import { JournalQuery } from './journalQuery.ts';

const Finding = z.object({
  code: z.enum(FAULT_CODES as [FaultCode, ...FaultCode[]]),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  fix: z
    .record(z.string(), z.string())
    .meta({ description: 'The fix, by language (node, forge, java, python, go, dotnet).' }),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const JournalEntrySchema = z.object({
  id: z.string().meta({ description: 'The x-request-id of the answer.' }),
  at: z.string().meta({ description: 'When the answer ended (ISO 8601).' }),
  method: z.string(),
  path: z.string(),
  status: z.number().int().meta({ description: '0 when the connection closed before an answer.' }),
  duration_ms: z.number(),
  principal: z.object({ type: z.enum(['api_key', 'user_credentials']), id: z.string() }).nullable(),
  key_id: z.string().nullable(),
  backup_id: z.string().nullable(),
  request: z.object({ content_type: z.string().nullable(), content_length: z.number().nullable() }),
  faults: z.array(Finding),
});
// The documented shape and the journal's own type must agree both ways.
type Documented = z.output<typeof JournalEntrySchema>;
const agree: [
  Documented extends JournalEntry ? true : false,
  JournalEntry extends Documented ? true : false,
] = [true, true];
void agree;

const Anything = z.record(z.string(), z.unknown());

interface ControlRoute {
  method: 'get' | 'post' | 'delete';
  /** Below /_mock, express form. */
  path: string;
  operationId: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The 200 answer: a JSON schema, or another media type. */
  response: { description: string; schema?: z.ZodType; mediaType?: string };
  /** Does it work without x-mock-control-token when the mock has one? */
  open?: true;
}

const json = (description: string, schema: z.ZodType = Anything) => ({ description, schema });

export const CONTROL_ROUTES: readonly ControlRoute[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    summary: 'Ready, with the pool and store counts',
    response: json('Healthy'),
    open: true,
  },
  {
    method: 'post',
    path: '/reset',
    operationId: 'reset',
    summary: 'Forget keys, backups, the journal and armed faults; re-apply the seed files',
    response: json('Reset'),
  },
  {
    method: 'get',
    path: '/snapshot',
    operationId: 'snapshot',
    summary: 'The keys and backups, in the seed file format',
    response: json('A seed file'),
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'apiOpenApi',
    summary: 'The OpenAPI document of the /v1 surface',
    response: json('OpenAPI 3.1'),
  },
  {
    method: 'get',
    path: '/control-openapi.json',
    operationId: 'controlOpenApi',
    summary: 'This document',
    response: json('OpenAPI 3.1'),
  },
  {
    method: 'post',
    path: '/tokens',
    operationId: 'mintToken',
    summary: 'Mint a test JWT',
    body: MintRequest,
    response: json('A minted token'),
  },
  {
    method: 'get',
    path: '/requests',
    operationId: 'listRequests',
    summary: 'The journal, newest first, filtered',
    query: JournalQuery,
    response: json('Matching entries', z.object({ requests: z.array(JournalEntrySchema) })),
  },
  {
    method: 'delete',
    path: '/requests',
    operationId: 'clearRequests',
    summary: 'Empty the journal (keys, backups and faults stay)',
    response: json('Cleared', z.object({ cleared: z.number().int() })),
  },
  {
    method: 'get',
    path: '/requests/stream',
    operationId: 'streamRequests',
    summary:
      'The journal live, as NDJSON: the matching backlog, {"type":"ready"}, then each new matching entry, {"type":"cleared"} and {"type":"ping"} lines',
    query: JournalQuery,
    response: {
      description: 'One JSON object a line, until the client disconnects',
      mediaType: 'application/x-ndjson',
    },
  },
  {
    method: 'get',
    path: '/requests/:id',
    operationId: 'getRequest',
    summary: 'One journal entry, by x-request-id',
    response: json('The entry', JournalEntrySchema),
  },
  {
    method: 'get',
    path: '/keys/:id',
    operationId: 'getKey',
    summary: "A key's public half, assignment and backups",
    response: json('The key'),
  },
  {
    method: 'get',
    path: '/backups/:id',
    operationId: 'getBackup',
    summary: "A backup's checksum, sizes and fingerprint",
    response: json('The backup'),
  },
  {
    method: 'get',
    path: '/faults',
    operationId: 'listFaultSwitches',
    summary: 'The armed fault switches',
    response: json('Armed switches and their remaining uses'),
  },
  {
    method: 'post',
    path: '/faults',
    operationId: 'armFaultSwitch',
    summary: 'Arm a fault switch for the next N requests',
    body: ArmRequest,
    response: json('Armed switches'),
  },
  {
    method: 'delete',
    path: '/faults',
    operationId: 'disarmFaultSwitches',
    summary: 'Disarm every fault switch',
    response: json('Nothing armed'),
  },
  {
    method: 'get',
    path: '/catalogue',
    operationId: 'faultCatalogue',
    summary: 'The fault catalogue: each code with its severity, effect, cause and fix',
    response: json('fixtures/faults/catalogue.json'),
  },
  {
    method: 'get',
    path: '/ui',
    operationId: 'journalPage',
    summary: 'The journal page (HTML)',
    response: { description: 'The page', mediaType: 'text/html' },
    open: true,
  },
  {
    method: 'get',
    path: '/ui/:file',
    operationId: 'journalPageFile',
    summary: "The page's script, style sheet and icon",
    response: { description: 'The file', mediaType: 'application/octet-stream' },
    open: true,
  },
];

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parameters(route: ControlRoute): JsonSchema[] {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!route.query) return pathParams;
  const query = jsonSchema(route.query, 'input');
  const required = new Set((query.required as string[] | undefined) ?? []);
  const queryParams = Object.entries(query.properties as Record<string, JsonSchema>).map(
    ([name, { description, ...schema }]) => ({
      name,
      in: 'query',
      required: required.has(name),
      ...(description ? { description } : {}),
      schema,
    }),
  );
  return [...pathParams, ...queryParams];
}

function operation(route: ControlRoute): JsonSchema {
  const params = parameters(route);
  const content = route.response.mediaType
    ? { [route.response.mediaType]: { schema: { type: 'string' } } }
    : { 'application/json': { schema: jsonSchema(route.response.schema ?? Anything, 'output') } };
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.open ? { security: [] } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      '200': { description: route.response.description, content },
      default: { $ref: '#/components/responses/Problem' },
    },
  };
}

export function controlOpenApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of CONTROL_ROUTES)
    (paths[`/_mock${openApiPath(route.path)}`] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'coincover-mock: the /_mock control plane',
      version: '1',
      description:
        "The mock's own tools: health, reset, snapshots, test tokens, the request journal (filters, live stream, page) and fault switches. Loopback only unless started with --control-token; with one, send it in x-mock-control-token.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl, description: 'This mock' }] } : {}),
    security: [{}, { controlToken: [] }],
    paths,
    components: {
      securitySchemes: {
        controlToken: {
          type: 'apiKey',
          in: 'header',
          name: 'x-mock-control-token',
          description: 'Required when the mock was started with --control-token.',
        },
      },
      responses: {
        Problem: {
          description:
            'An error, as application/problem+json (RFC 9457): 400 for a bad query or body, 401 without the control token, 404, 503 for too many streams',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                properties: {
                  type: { type: 'string' },
                  title: { type: 'string' },
                  status: { type: 'integer' },
                  detail: { type: 'string' },
                },
                required: ['title', 'status', 'detail'],
              },
            },
          },
        },
      },
    },
  };
}
