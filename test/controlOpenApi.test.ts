/**
 * The control plane's OpenAPI document (GET /_mock/control-openapi.json): valid OpenAPI 3.1,
 * listing exactly the routes the /_mock router serves (read from the router itself), its query
 * and body schemas generated from the zod schemas the routes validate with, and its "open"
 * operations (no security) exactly those a mock with a control token answers without one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { z } from 'zod';
import { request } from 'undici';
import type { MockApp } from '../mock-server/app.ts';
import { controlOpenApiDocument } from '../mock-server/control/controlOpenApi.ts';
import { controlPlane } from '../mock-server/control/controlPlane.ts';
import { ArmRequest } from '../mock-server/control/faultSwitches.ts';
import { JournalQuery } from '../mock-server/control/journalQuery.ts';
import { MintRequest } from '../mock-server/control/mintRequest.ts';
import { listeningApp } from './support/listeningApp.ts';

type Operation = {
  operationId: string;
  security?: unknown[];
  parameters?: Array<{
    name: string;
    in: string;
    required: boolean;
    schema: Record<string, unknown>;
  }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
};
type Paths = Record<string, Record<string, Operation>>;

const TOKEN = 'correct-horse-battery-staple';
let mock: MockApp;
let base: string;

listeningApp({ controlToken: TOKEN }, (app) => ({ mock, base } = app));

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path the control plane's router (and the routers it mounts) has a route for. */
function servedRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route)
      return Object.keys(layer.route.methods).map(
        (method) => `${method} /_mock${layer.route?.path.replace(/:(\w+)/g, '{$1}')}`,
      );
    return layer.handle?.stack ? servedRoutes(layer.handle.stack) : [];
  });
}

const documented = (paths: Paths) =>
  Object.entries(paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method} ${path}`),
  );
const fill = (path: string) =>
  path.replace('{file}', 'journal.js').replace(/\{\w+\}/g, '5eed0000-0000-4000-8000-000000000001');

describe('the control plane OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, and an invalid one is told apart', async () => {
    const validator = new Validator();
    const result = await validator.validate(
      controlOpenApiDocument('http://127.0.0.1:4010') as never,
    );
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
    assert.equal(
      (await new Validator().validate({ ...controlOpenApiDocument(), paths: 'none' } as never))
        .valid,
      false,
    );
  });

  it('lists every /_mock route the app serves, and nothing else', async () => {
    const answer = await request(`${base}/_mock/control-openapi.json`, {
      headers: { 'x-mock-control-token': TOKEN },
    });
    assert.equal(answer.statusCode, 200);
    const served = (await answer.body.json()) as {
      openapi: string;
      paths: Paths;
      servers: Array<{ url: string }>;
    };
    assert.equal(served.openapi, '3.1.0');
    assert.equal(served.servers[0]?.url, base);
    const router = controlPlane(mock.deps, () => ({ keys: 0, backups: 0 })) as unknown as {
      stack: Layer[];
    };
    assert.deepEqual(documented(served.paths).sort(), servedRoutes(router.stack).sort());
    assert.ok(documented(served.paths).length >= 18);
  });

  it('every documented operation is answered by its route, not by the 404 fallback', async () => {
    const { paths } = controlOpenApiDocument() as { paths: Paths };
    for (const [path, ops] of Object.entries(paths)) {
      for (const method of Object.keys(ops)) {
        if (path === '/_mock/requests/stream') continue; // an open stream; tested in journalFilters.test.ts
        const answer = await request(`${base}${fill(path)}`, {
          method: method.toUpperCase() as 'GET',
          headers: { 'x-mock-control-token': TOKEN },
        });
        const text = await answer.body.text();
        assert.ok(answer.statusCode < 500, `${method} ${path}: ${answer.statusCode}`);
        assert.doesNotMatch(text, /No control endpoint/, `${method} ${path}`);
      }
    }
  });

  it('takes its query and body schemas from the zod schemas the routes validate with', () => {
    const { paths } = controlOpenApiDocument() as { paths: Paths };
    for (const route of ['/_mock/requests', '/_mock/requests/stream']) {
      const params = paths[route]?.get?.parameters ?? [];
      assert.deepEqual(
        params.map((p) => p.name),
        Object.keys(JournalQuery.shape),
      );
      assert.ok(params.every((p) => p.in === 'query' && p.required === false));
      assert.deepEqual(params.find((p) => p.name === 'limit')?.schema, {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        default: 50,
      });
    }
    const body = (path: string) =>
      paths[path]?.post?.requestBody?.content['application/json']?.schema;
    const { $schema: _a, ...mint } = z.toJSONSchema(MintRequest, { io: 'input' }) as Record<
      string,
      unknown
    >;
    const { $schema: _b, ...arm } = z.toJSONSchema(ArmRequest, { io: 'input' }) as Record<
      string,
      unknown
    >;
    assert.deepEqual(body('/_mock/tokens'), mint);
    assert.deepEqual(body('/_mock/faults'), arm);
  });

  it('marks as open exactly the operations a mock with a control token answers without it', async () => {
    const { paths } = controlOpenApiDocument() as { paths: Paths };
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path === '/_mock/requests/stream' || method !== 'get') continue;
        const answer = await request(`${base}${fill(path)}`);
        await answer.body.dump();
        assert.equal(
          answer.statusCode === 401,
          op.security === undefined,
          `${method} ${path} answered ${answer.statusCode}`,
        );
      }
    }
    const stream = await request(`${base}/_mock/requests/stream`);
    assert.equal(stream.statusCode, 401);
    await stream.body.dump();
  });
});
