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

  /**
   * The browser-origin matrix for /_mock: a web page's requests (cross-site Origin, `null`,
   * Sec-Fetch-Site: cross-site) and DNS-rebinding Hosts are refused before anything happens,
   * whatever the route, method or Content-Type; loopback Hosts and no Origin (curl, the runner)
   * are served. No answer carries a CORS header.
   */
  it('refuses web pages and DNS-rebinding Hosts on every /_mock route, and changes nothing', async () => {
    const { port } = server.address() as AddressInfo;
    const controlRoutes: ReadonlyArray<readonly ['GET' | 'POST' | 'DELETE' | 'OPTIONS', string]> = [
      ['POST', '/_mock/reset'],
      ['GET', '/_mock/snapshot'],
      ['GET', '/_mock/requests'],
      ['POST', '/_mock/tokens'],
      ['POST', '/_mock/faults'],
      ['DELETE', '/_mock/faults'],
      ['GET', '/_mock/openapi.json'],
      ['GET', '/_mock/health'],
      ['GET', '/_mock/ui/'],
      ['OPTIONS', '/_mock/reset'],
    ];
    const goodHost = fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'app.localhost', `127.0.0.1`);
    const rebindingHost = fc.constantFrom(`attacker.example:${port}`, 'attacker.example', `127.0.0.1.attacker.example:${port}`, 'localhost.attacker.example', 'evil', `x@127.0.0.1:${port}`);
    const crossOrigin = fc.constantFrom('https://attacker.example', 'http://attacker.example:4010', 'null', 'http://127.0.0.1.attacker.example', 'file://', 'chrome-extension://abc');
    const sameOrigin = fc.constantFrom(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
    const browserRequest = fc.record({
      route: fc.constantFrom(...controlRoutes),
      host: fc.oneof(goodHost, rebindingHost),
      origin: fc.option(fc.oneof(crossOrigin, sameOrigin), { nil: undefined }),
      fetchSite: fc.constantFrom(undefined, 'cross-site', 'same-origin', 'none'),
      contentType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'application/json'),
    });
    const armed = JSON.stringify({ fault: 'internal_error', times: 1 });
    const rebinding = (host: string) => !/^(127\.0\.0\.1|localhost|\[::1\]|app\.localhost)(:\d+)?$/.test(host);
    const crossSite = (r: { origin?: string; fetchSite?: string }) => r.fetchSite === 'cross-site' || (r.origin !== undefined && !r.origin.startsWith('http://127.0.0.1:') && !r.origin.startsWith('http://localhost:'));
    await fc.assert(
      fc.asyncProperty(browserRequest, async (r) => {
        const [method, path] = r.route;
        const refused = rebinding(r.host) || crossSite(r);
        const before = { counts: mock.deps.store.counts(), journal: mock.deps.journal.list(1000).length, armed: mock.deps.switches.list() };
        const headers: Record<string, string> = { host: r.host, 'content-type': r.contentType };
        if (r.origin !== undefined) headers.origin = r.origin;
        if (r.fetchSite !== undefined) headers['sec-fetch-site'] = r.fetchSite;
        const answer = await pool.request({ method, path, headers, body: method === 'GET' ? undefined : path === '/_mock/faults' ? armed : path === '/_mock/tokens' ? '{}' : '' });
        const text = await answer.body.text();
        const cors = Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'));
        assert.deepEqual(cors, [], `${method} ${path}: CORS headers ${cors.join(', ')}`);
        assert.ok(answer.statusCode < 500, `${method} ${path}: ${answer.statusCode} ${text.slice(0, 200)}`);
        if (refused) {
          assert.equal(answer.statusCode, rebinding(r.host) ? 421 : 403, `${method} ${path} Host ${r.host} Origin ${r.origin} Sec-Fetch-Site ${r.fetchSite}: ${answer.statusCode}`);
          assert.doesNotMatch(text, /access_token|private_key|"requests"|"keys"/);
          assert.deepEqual({ counts: mock.deps.store.counts(), journal: mock.deps.journal.list(1000).length, armed: mock.deps.switches.list() }, before);
        } else {
          assert.ok(answer.statusCode !== 421 && answer.statusCode !== 403, `${method} ${path} Host ${r.host} Origin ${r.origin}: refused (${answer.statusCode})`);
        }
        if (path === '/_mock/faults' || path === '/_mock/reset') mock.deps.switches.clear();
      }),
      { numRuns: Math.min(RUNS, 600), seed: SEED, endOnFailure: true },
    );
  });
});
