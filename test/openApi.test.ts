/**
 * The OpenAPI document: a valid OpenAPI 3.1 document (checked by @seriousme/openapi-schema-validator),
 * listing exactly the /v1 routes the app serves. The served routes are read from the express app
 * itself, and each documented operation is called, so neither list can be taken on trust.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { request } from 'undici';
import type { MockApp } from '../mock-server/app.ts';
import { openApiDocument } from '../mock-server/routes/openApiDocument.ts';
import { listeningApp } from './support/listeningApp.ts';

type Paths = Record<string, Record<string, { operationId: string }>>;

let mock: MockApp;
let base: string;

listeningApp({}, (app) => ({ mock, base } = app));

/** Every method and path the express app has a route for, with `:name` written `{name}`. */
function servedRoutes(app: MockApp['app']): string[] {
  const stack = (
    app as unknown as {
      router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    }
  ).router.stack;
  return stack
    .flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map(
            (method) => `${method} ${layer.route?.path.replace(/:(\w+)/g, '{$1}')}`,
          )
        : [],
    )
    .filter((route) => route.split(' ')[1]?.startsWith('/v1/'))
    .sort();
}

const documentedRoutes = (paths: Paths) =>
  Object.entries(paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument('http://127.0.0.1:4010') as never);
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
  });

  it('is told apart from an invalid one by the same validator', async () => {
    const broken = { ...openApiDocument(), info: undefined };
    assert.equal((await new Validator().validate(broken as never)).valid, false);
  });

  it('documents every /v1 route the app serves, and nothing else', async () => {
    const answer = await request(`${base}/_mock/openapi.json`);
    assert.equal(answer.statusCode, 200);
    const served = (await answer.body.json()) as {
      openapi: string;
      paths: Paths;
      servers: Array<{ url: string }>;
    };
    assert.equal(served.openapi, '3.1.0');
    assert.equal(served.servers[0]?.url, base);
    assert.deepEqual(documentedRoutes(served.paths), servedRoutes(mock.app));
    assert.equal(documentedRoutes(served.paths).length, 10);
  });

  it('every documented operation is answered by its route (401 without a token), not by the 404 or 405 fallbacks', async () => {
    const { paths } = openApiDocument() as { paths: Paths };
    for (const [path, ops] of Object.entries(paths)) {
      for (const method of Object.keys(ops)) {
        const answer = await request(
          `${base}${path.replace(/\{\w+\}/g, '5eed0000-0000-4000-8000-000000000001')}`,
          { method: method.toUpperCase() as 'GET' },
        );
        await answer.body.dump();
        assert.equal(answer.statusCode, 401, `${method} ${path}`);
      }
    }
  });

  it('gives every operation a unique operationId, and generates its request schemas from the validating zod schemas', () => {
    const { paths } = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
          }
        >
      >;
    };
    const ids = Object.values(paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    assert.equal(new Set(ids).size, ids.length);
    const required = (path: string) =>
      paths[path]?.post?.requestBody?.content['application/json']?.schema.required;
    assert.deepEqual(required('/v1/keys'), ['user_identifier', 'key_type']);
    assert.deepEqual(required('/v1/partner/keys'), [
      'user_identifier',
      'key_type',
      'key_environment',
      'organisation',
      'package',
    ]);
    assert.deepEqual(required('/v1/secure/data'), ['public_key', 'data']);
    assert.deepEqual(required('/v1/partner/secure/data'), ['public_key', 'checksum', 'data']);
  });

  it('states the faithful contract, with the strict reading marked: string error messages, open objects, x-strict-requests', () => {
    type Schema = {
      properties?: Record<string, Schema>;
      additionalProperties?: unknown;
      maxLength?: number;
      uniqueItems?: boolean;
      'x-strict-requests'?: Record<string, unknown>;
      type?: string;
    };
    const document = openApiDocument() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
      >;
      components: { schemas: { ErrorResponse: Schema } };
    };
    const { ErrorResponse } = document.components.schemas;
    assert.deepEqual(ErrorResponse.properties?.message?.type, 'string');
    assert.deepEqual(ErrorResponse.properties?.error?.type, 'string');
    const assign = document.paths['/v1/partner/keys']?.post?.requestBody?.content[
      'application/json'
    ]?.schema as Schema;
    assert.equal(
      assign.additionalProperties,
      undefined,
      'the published schemas do not forbid extra fields',
    );
    assert.deepEqual(assign['x-strict-requests'], { additionalProperties: false });
    assert.deepEqual(assign.properties?.organisation?.['x-strict-requests'], {
      additionalProperties: false,
    });
    assert.equal(assign.properties?.user_identifier?.maxLength, 65_536);
    assert.deepEqual(assign.properties?.user_identifier?.['x-strict-requests'], { maxLength: 256 });
    assert.deepEqual(assign.properties?.sign_with?.['x-strict-requests'], { uniqueItems: true });
    const data = document.paths['/v1/partner/secure/data']?.post?.requestBody?.content[
      'application/json'
    ]?.schema as Schema;
    assert.deepEqual(data.properties?.metadata?.['x-strict-requests'], {
      additionalProperties: false,
    });
    const file = document.paths['/v1/partner/secure/file']?.post?.requestBody?.content[
      'multipart/form-data'
    ]?.schema as Schema;
    assert.deepEqual(file.properties?.file?.['x-strict-requests'], { maxLength: 10_000_000 });
  });
});
