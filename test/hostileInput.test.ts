/**
 * Hostile input: at least 10,000 generated malformed requests across every endpoint. Never a
 * 5xx, the process stays up, every /v1 error has the documented {error, message} shape, and a
 * rejected request stores nothing. The generator is seeded: HOSTILE_SEED=<seed> replays a run.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Pool } from 'undici';
import { createApp, type MockApp } from '../mock-server/app.ts';
import { buildConfig } from '../mock-server/config.ts';
import { ROUTES } from '../mock-server/routes/index.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 10_000);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

let mock: MockApp;
let server: ReturnType<MockApp['app']['listen']>;
let pool: Pool;
let publicKey = '';

before(async () => {
  mock = createApp(buildConfig({ port: 0, poolSize: 0, seedFiles: TEST_SEEDS, journalLimit: 100 }));
  server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 4 });
  const answer = await pool.request({
    method: 'POST',
    path: '/v1/partner/keys',
    headers: { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' },
    body: JSON.stringify({ user_identifier: 'hostile@example.test', key_type: 'rsa4096', key_environment: 'HOT', organisation: { customer_id: 'org-hostile' }, package: {} }),
  });
  publicKey = ((await answer.body.json()) as { public_key: string }).public_key;
});

after(async () => {
  await pool.close();
  server.closeAllConnections();
  server.close();
  mock.close();
});

const jsonValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }));
const hugeString = fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'A'.repeat(n));

/** A valid body for each JSON route, to be broken one field at a time. */
function template(path: string): Record<string, unknown> {
  if (path.endsWith('/keys')) {
    return { user_identifier: 'u@example.test', key_type: 'rsa4096', key_environment: 'HOT', organisation: { customer_id: 'org-1', customer_name: 'A' }, package: { package_id: 'p', package_name: 'P' } };
  }
  return { public_key: publicKey, checksum: 'ab'.repeat(32), data: Buffer.alloc(512, 7).toString('base64'), padding_type: 'OAEP' };
}

const mutatedJson = (path: string) =>
  fc
    .record({ field: fc.constantFrom(...Object.keys(template(path)), 'extra', 'organisation', '__proto__'), value: fc.oneof(jsonValue, hugeString, fc.constant(undefined)) })
    .map(({ field, value }) => {
      const body = template(path);
      if (value === undefined) delete body[field];
      else body[field] = value;
      return Buffer.from(JSON.stringify(body));
    });

const body = (path: string) =>
  fc.oneof(
    mutatedJson(path),
    mutatedJson(path).chain((b) => fc.integer({ min: 0, max: Math.max(0, b.length - 1) }).map((cut) => b.subarray(0, cut))),
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
    fc.constant(Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="x"\r\nContent-Type: application/octet-stream\r\n\r\nabc')),
    fc.string().map((s) => Buffer.from(`--b\r\nContent-Disposition: form-data; name="public_key"\r\n\r\n${s}\r\n--b--\r\n`)),
  );

const contentType = fc.constantFrom('application/json', 'application/json; charset=latin1', 'text/plain', 'multipart/form-data; boundary=b', 'multipart/form-data', 'application/x-www-form-urlencoded', undefined, 'garbage/;;;');
const auth = fc.constantFrom('Bearer test-partner-key', 'Bearer test-partner-key', 'Bearer test-standard-key', 'Bearer nope', 'Basic Zm9vOmJhcg==', 'Bearer a.b.c', '', undefined);
const target = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...ROUTES.map((r) => ({ method: r.method.toUpperCase(), path: r.path }))) },
  { weight: 1, arbitrary: fc.record({ method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'POST'), path: fc.constantFrom('/v1/partner/keys', '/v1/nope', '/v1/partner/secure/data/../keys', '/%ff', '/.well-known/jwks.json') }) },
);

const request = target.chain((t) => fc.record({ method: fc.constant(t.method), path: fc.constant(t.path), contentType, auth, body: body(t.path), duplicateAuth: fc.boolean() }));

describe('hostile input', () => {
  it(`answers ${RUNS} malformed requests with documented 4xx, storing nothing (seed ${SEED})`, async () => {
    console.log(`hostile input: seed ${SEED} (replay with HOSTILE_SEED=${SEED})`);
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = mock.deps.store.counts();
        const headers: string[] = [];
        if (r.contentType !== undefined) headers.push('content-type', r.contentType);
        if (r.auth !== undefined) headers.push('authorization', r.auth);
        if (r.duplicateAuth) headers.push('authorization', 'Bearer other');
        const answer = await pool.request({ method: r.method as 'POST', path: r.path, headers, body: r.method === 'GET' ? undefined : r.body });
        const text = await answer.body.text();
        assert.ok(answer.statusCode < 500, `status ${answer.statusCode}: ${text.slice(0, 200)}`);
        if (answer.statusCode >= 400 && r.path.startsWith('/v1')) {
          const parsed = JSON.parse(text) as Record<string, unknown>;
          assert.deepEqual(Object.keys(parsed).sort(), ['error', 'message']);
          assert.equal(typeof parsed.error, 'string');
          const m = parsed.message;
          assert.ok(typeof m === 'string' || (typeof m === 'object' && m !== null && Object.values(m).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))));
        }
        if (answer.statusCode >= 400) assert.deepEqual(mock.deps.store.counts(), before);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const health = await pool.request({ method: 'GET', path: '/_mock/health' });
    assert.equal(health.statusCode, 200);
    await health.body.dump();
  });
});
