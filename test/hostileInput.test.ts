/**
 * Hostile input: at least 10,000 generated malformed requests across every endpoint. Never a
 * 5xx, the process stays up, every /v1 error has the documented {error: string, message: string}
 * shape, a rejected request stores nothing, and no API key a request carried in a field name, a
 * path, a Content-Type or a bare Authorization header comes back in a response, the journal or
 * the log. The generator is seeded: HOSTILE_SEED=<seed> replays a run. Then the shapes that once
 * broke the mock, one by one: journal bloat, stack overflows, nesting bombs, prototype names.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Pool } from 'undici';
import { createApp, type MockApp } from '../mock-server/app.ts';
import { buildConfig } from '../mock-server/config.ts';
import { finding, FindingList, MAX_FINDINGS } from '../mock-server/diagnostics/findings.ts';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES } from '../mock-server/jsonShape.ts';
import { ROUTES } from '../mock-server/routes/index.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';

/** The published ErrorResponse: JSON, exactly {error: string, message: string}. */
function assertErrorShape(contentType: unknown, text: string): void {
  assert.match(String(contentType), /^application\/json/, `not JSON: ${text.slice(0, 200)}`);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed).sort(), ['error', 'message']);
  assert.equal(typeof parsed.error, 'string');
  assert.equal(typeof parsed.message, 'string', `message is not a string: ${text.slice(0, 200)}`);
}

const RUNS = Number(process.env.HOSTILE_RUNS ?? 10_000);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

const KEY = 'test-partner-key';
const logLines: string[] = [];

let mock: MockApp;
let server: ReturnType<MockApp['app']['listen']>;
let pool: Pool;
let publicKey = '';

before(async () => {
  mock = createApp(
    buildConfig({ port: 0, poolSize: 0, seedFiles: TEST_SEEDS, journalLimit: 100 }),
    { log: (line) => logLines.push(JSON.stringify(line)) },
  );
  server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 4 });
  const answer = await pool.request({
    method: 'POST',
    path: '/v1/partner/keys',
    headers: { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      user_identifier: 'hostile@example.test',
      key_type: 'rsa4096',
      key_environment: 'HOT',
      organisation: { customer_id: 'org-hostile' },
      package: {},
    }),
  });
  publicKey = ((await answer.body.json()) as { public_key: string }).public_key;
});

after(async () => {
  await pool.close();
  server.closeAllConnections();
  server.close();
  mock.close();
});

const jsonValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);
const hugeString = fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'A'.repeat(n));

/** A valid body for each JSON route, to be broken one field at a time. */
function template(path: string): Record<string, unknown> {
  if (path.endsWith('/keys')) {
    return {
      user_identifier: 'u@example.test',
      key_type: 'rsa4096',
      key_environment: 'HOT',
      organisation: { customer_id: 'org-1', customer_name: 'A' },
      package: { package_id: 'p', package_name: 'P' },
    };
  }
  return {
    public_key: publicKey,
    checksum: 'ab'.repeat(32),
    data: Buffer.alloc(512, 7).toString('base64'),
    padding_type: 'OAEP',
  };
}

const mutatedJson = (path: string) =>
  fc
    .record({
      field: fc.constantFrom(
        ...Object.keys(template(path)),
        'extra',
        'organisation',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        KEY,
      ),
      value: fc.oneof(
        jsonValue,
        hugeString,
        fc.constant(undefined),
        fc.constant([KEY]),
        fc.constant({ constructor: KEY, __proto__: 1 }),
      ),
    })
    .map(({ field, value }) => {
      const body = template(path);
      if (value === undefined) delete body[field];
      else body[field] = value;
      return Buffer.from(JSON.stringify(body));
    });

const body = (path: string) =>
  fc.oneof(
    mutatedJson(path),
    mutatedJson(path).chain((b) =>
      fc.integer({ min: 0, max: Math.max(0, b.length - 1) }).map((cut) => b.subarray(0, cut)),
    ),
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
    fc.constant(
      Buffer.from(
        '--b\r\nContent-Disposition: form-data; name="file"; filename="x"\r\nContent-Type: application/octet-stream\r\n\r\nabc',
      ),
    ),
    fc
      .string()
      .map((s) =>
        Buffer.from(
          `--b\r\nContent-Disposition: form-data; name="public_key"\r\n\r\n${s}\r\n--b--\r\n`,
        ),
      ),
    fc
      .constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', KEY, 'metadata')
      .map((name) =>
        Buffer.from(
          `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${KEY}\r\n--b\r\nContent-Disposition: form-data; name="public_key"\r\n\r\n${publicKey}\r\n--b--\r\n`,
        ),
      ),
  );

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'multipart/form-data; boundary=b',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  undefined,
  'garbage/;;;',
  `application/${KEY}`,
  `text/plain; token=${KEY}`,
);
const auth = fc.constantFrom(
  'Bearer test-partner-key',
  'Bearer test-partner-key',
  'Bearer test-standard-key',
  'Bearer nope',
  'Basic Zm9vOmJhcg==',
  'Bearer a.b.c',
  '',
  undefined,
  KEY,
  `Token ${KEY}`,
  `${KEY} ${KEY}`,
);
const target = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      ...ROUTES.map((r) => ({ method: r.method.toUpperCase(), path: r.path })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'POST'),
      path: fc.constantFrom(
        '/v1/partner/keys',
        '/v1/nope',
        '/v1/partner/secure/data/../keys',
        '/%ff',
        '/.well-known/jwks.json',
        `/v1/${KEY}`,
        `/v1/keys/${KEY}/verify`,
        `/v1/%74est-partner-key`,
      ),
    }),
  },
);

const request = target.chain((t) =>
  fc.record({
    method: fc.constant(t.method),
    path: fc.constant(t.path),
    contentType,
    auth,
    body: body(t.path),
    duplicateAuth: fc.boolean(),
  }),
);

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
        const answer = await pool.request({
          method: r.method as 'POST',
          path: r.path,
          headers,
          body: r.method === 'GET' ? undefined : r.body,
        });
        const text = await answer.body.text();
        assert.ok(answer.statusCode < 500, `status ${answer.statusCode}: ${text.slice(0, 200)}`);
        if (answer.statusCode >= 400 && r.path.startsWith('/v1'))
          assertErrorShape(answer.headers['content-type'], text);
        if (answer.statusCode >= 400) assert.deepEqual(mock.deps.store.counts(), before);
        const entry = JSON.stringify(
          mock.deps.journal.get(String(answer.headers['x-request-id'])) ?? null,
        );
        for (const [where, haystack] of [
          ['response', text],
          ['journal', entry],
          ['log', logLines.at(-1) ?? ''],
        ] as const) {
          assert.ok(
            !haystack.includes(KEY),
            `the API key came back in the ${where}: ${haystack.slice(0, 300)}`,
          );
        }
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
    const goodHost = fc.constantFrom(
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      'app.localhost',
      `127.0.0.1`,
    );
    const rebindingHost = fc.constantFrom(
      `attacker.example:${port}`,
      'attacker.example',
      `127.0.0.1.attacker.example:${port}`,
      'localhost.attacker.example',
      'evil',
      `x@127.0.0.1:${port}`,
    );
    const crossOrigin = fc.constantFrom(
      'https://attacker.example',
      'http://attacker.example:4010',
      'null',
      'http://127.0.0.1.attacker.example',
      'file://',
      'chrome-extension://abc',
    );
    const sameOrigin = fc.constantFrom(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
    const browserRequest = fc.record({
      route: fc.constantFrom(...controlRoutes),
      host: fc.oneof(goodHost, rebindingHost),
      origin: fc.option(fc.oneof(crossOrigin, sameOrigin), { nil: undefined }),
      fetchSite: fc.constantFrom(undefined, 'cross-site', 'same-origin', 'none'),
      contentType: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=b',
        'application/json',
      ),
    });
    const armed = JSON.stringify({ fault: 'internal_error', times: 1 });
    const rebinding = (host: string) =>
      !/^(127\.0\.0\.1|localhost|\[::1\]|app\.localhost)(:\d+)?$/.test(host);
    const crossSite = (r: { origin?: string; fetchSite?: string }) =>
      r.fetchSite === 'cross-site' ||
      (r.origin !== undefined &&
        !r.origin.startsWith('http://127.0.0.1:') &&
        !r.origin.startsWith('http://localhost:'));
    await fc.assert(
      fc.asyncProperty(browserRequest, async (r) => {
        const [method, path] = r.route;
        const refused = rebinding(r.host) || crossSite(r);
        const before = {
          counts: mock.deps.store.counts(),
          journal: mock.deps.journal.list(1000).length,
          armed: mock.deps.switches.list(),
        };
        const headers: Record<string, string> = { host: r.host, 'content-type': r.contentType };
        if (r.origin !== undefined) headers.origin = r.origin;
        if (r.fetchSite !== undefined) headers['sec-fetch-site'] = r.fetchSite;
        const answer = await pool.request({
          method,
          path,
          headers,
          body:
            method === 'GET'
              ? undefined
              : path === '/_mock/faults'
                ? armed
                : path === '/_mock/tokens'
                  ? '{}'
                  : '',
        });
        const text = await answer.body.text();
        const cors = Object.keys(answer.headers).filter((name) =>
          name.startsWith('access-control-'),
        );
        assert.deepEqual(cors, [], `${method} ${path}: CORS headers ${cors.join(', ')}`);
        assert.ok(
          answer.statusCode < 500,
          `${method} ${path}: ${answer.statusCode} ${text.slice(0, 200)}`,
        );
        if (refused) {
          assert.equal(
            answer.statusCode,
            rebinding(r.host) ? 421 : 403,
            `${method} ${path} Host ${r.host} Origin ${r.origin} Sec-Fetch-Site ${r.fetchSite}: ${answer.statusCode}`,
          );
          assert.doesNotMatch(text, /access_token|private_key|"requests"|"keys"/);
          assert.deepEqual(
            {
              counts: mock.deps.store.counts(),
              journal: mock.deps.journal.list(1000).length,
              armed: mock.deps.switches.list(),
            },
            before,
          );
        } else {
          assert.ok(
            answer.statusCode !== 421 && answer.statusCode !== 403,
            `${method} ${path} Host ${r.host} Origin ${r.origin}: refused (${answer.statusCode})`,
          );
        }
        if (path === '/_mock/faults' || path === '/_mock/reset') mock.deps.switches.clear();
      }),
      { numRuns: Math.min(RUNS, 600), seed: SEED, endOnFailure: true },
    );
  });
});

/** One request, answered, with its journal entry as stored. */
async function send(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const answer = await pool.request({
    method: 'POST',
    path,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await answer.body.text();
  const entry = mock.deps.journal.get(String(answer.headers['x-request-id']));
  return {
    status: answer.statusCode,
    contentType: answer.headers['content-type'],
    faults: String(answer.headers['x-mock-faults'] ?? ''),
    text,
    entry,
    entryText: JSON.stringify(entry ?? null),
  };
}

const assignBody = (extra: Record<string, unknown>) =>
  JSON.stringify({
    user_identifier: `shape-${Math.random()}@example.test`,
    key_type: 'rsa4096',
    key_environment: 'HOT',
    organisation: { customer_id: `org-${Math.random()}` },
    package: {},
    ...extra,
  });

describe('hostile shapes', () => {
  it('a sign_with of 9,000 bad names leaves a bounded journal entry and a bounded answer', async () => {
    const answer = await send(
      '/v1/partner/keys',
      assignBody({ sign_with: Array.from({ length: 9000 }, (_, i) => `not-a-field-${i}`) }),
    );
    assert.equal(answer.status, 400);
    assertErrorShape(answer.contentType, answer.text);
    assert.ok(answer.text.length < 4096, `the answer is ${answer.text.length} characters`);
    assert.ok(
      answer.entryText.length < 128 * 1024,
      `the journal entry is ${answer.entryText.length} characters`,
    );
    assert.ok((answer.entry?.faults.length ?? 0) <= MAX_FINDINGS);
  });

  it('FindingList keeps the first findings and counts the rest by code, whatever their size', () => {
    const message = 'x'.repeat(5000);
    const details = { blob: 'y'.repeat(10_000) };
    const many = Array.from({ length: 20_000 }, (_, i) =>
      finding(i % 2 ? 'request_invalid' : 'sign_with_invalid', message, details),
    );
    const list = new FindingList();
    list.addAll(many);
    list.addAll(new FindingList(many));
    assert.equal(list.list().length, MAX_FINDINGS);
    assert.equal(list.size, 40_000);
    const half = 20_000 - MAX_FINDINGS / 2;
    assert.deepEqual(list.omitted(), {
      count: 40_000 - MAX_FINDINGS,
      by_code: { sign_with_invalid: half, request_invalid: half },
    });
    assert.ok(JSON.stringify(list.list()).length < MAX_FINDINGS * 4096);
  });

  // Each is refused on its raw bytes, before JSON.parse or the validation sees it (the limit is in the finding).
  for (const [what, body, limit] of [
    [
      'a sign_with of 200,000 entries',
      () => assignBody({ sign_with: Array.from({ length: 200_000 }, (_, i) => `n${i}`) }),
      MAX_JSON_VALUES,
    ],
    [
      '1,000,000 unknown fields',
      () => `{${Array.from({ length: 1_000_000 }, (_, i) => `"f${i}":0`).join(',')}}`,
      MAX_JSON_VALUES,
    ],
    [
      'a 10 MB nesting bomb',
      () => `${'['.repeat(5_000_000)}${']'.repeat(5_000_000)}`,
      MAX_JSON_DEPTH,
    ],
    [
      'a 10 MB nesting bomb of objects',
      () => `${'{"a":'.repeat(2_000_000)}0${'}'.repeat(2_000_000)}`,
      MAX_JSON_DEPTH,
    ],
  ] as const) {
    it(`${what} is a JSON 400 naming request_invalid before it is parsed, never a stack trace`, async () => {
      const answer = await send('/v1/partner/keys', body());
      assert.equal(answer.status, 400, answer.text.slice(0, 300));
      assertErrorShape(answer.contentType, answer.text);
      assert.equal(answer.faults, 'request_invalid');
      assert.equal(answer.entry?.faults[0]?.details?.limit, limit, answer.entryText.slice(0, 300));
      assert.ok(!/\bat \S+\.(ts|js):\d+/.test(answer.text), 'a stack trace in the answer');
    });
  }

  const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it('fields named after Object.prototype are never a 500, in JSON at any level or as multipart parts', async () => {
    for (const name of PROTOTYPE_NAMES) {
      for (const value of [1, 'x', {}, [], null]) {
        const raw = (extra: string) => `{"${name}": ${JSON.stringify(value)}${extra}}`;
        const bodies: Array<[string, string]> = [
          ['/v1/partner/keys', raw('')],
          [
            '/v1/partner/keys',
            assignBody({}).replace(/^\{/, `{"${name}": ${JSON.stringify(value)}, `),
          ],
          [
            '/v1/keys',
            `{"user_identifier": "p@example.test", "key_type": "ed25519", "organisation": ${raw('')}, "package": ${raw('')}}`,
          ],
          [
            '/v1/partner/secure/data',
            `{"public_key": "${publicKey}", "checksum": "${'ab'.repeat(32)}", "data": "AAAA", "metadata": ${raw('')}, "${name}": 1}`,
          ],
          ['/v1/secure/data', raw(', "public_key": 42')],
        ];
        for (const [path, body] of bodies) {
          const answer = await send(path, body);
          assert.ok(
            answer.status < 500,
            `${path} with ${name}=${JSON.stringify(value)}: ${answer.status} ${answer.text.slice(0, 200)}`,
          );
          if (answer.status >= 400) assertErrorShape(answer.contentType, answer.text);
        }
      }
      const parts = (file: boolean) =>
        Buffer.from(
          `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nx\r\n` +
            `--b\r\nContent-Disposition: form-data; name="public_key"\r\n\r\n${publicKey}\r\n` +
            `--b\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"${name}": 1}\r\n` +
            (file
              ? `--b\r\nContent-Disposition: form-data; name="file"; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'\u00ff'.repeat(64)}\r\n`
              : '') +
            '--b--\r\n',
        );
      for (const file of [false, true]) {
        const answer = await send('/v1/partner/secure/file', parts(file), {
          'content-type': 'multipart/form-data; boundary=b',
        });
        assert.ok(
          answer.status < 500,
          `multipart part ${name}: ${answer.status} ${answer.text.slice(0, 200)}`,
        );
        if (answer.status >= 400) assertErrorShape(answer.contentType, answer.text);
      }
    }
  });

  it('an API key is echoed nowhere: bare Authorization, field names, sign_with, paths, Content-Type', async () => {
    const cases: Array<[string, string, Record<string, string>]> = [
      ['/v1/partner/keys', assignBody({}), { authorization: KEY }],
      ['/v1/partner/keys', assignBody({}), { authorization: `${KEY} extra` }],
      ['/v1/partner/keys', assignBody({ [KEY]: 1 }), {}],
      ['/v1/partner/keys', assignBody({ organisation: { [KEY]: 'x' } }), {}],
      ['/v1/partner/keys', assignBody({ sign_with: [KEY] }), {}],
      ['/v1/partner/keys', assignBody({ key_type: KEY }), {}],
      [`/v1/${KEY}`, '{}', {}],
      [`/v1/keys/${KEY}/verify`, '{}', {}],
      ['/v1/partner/keys', '{}', { 'content-type': `application/${KEY}` }],
      ['/v1/partner/keys', '{}', { 'content-type': `application/json; charset=${KEY}` }],
    ];
    for (const [path, body, headers] of cases) {
      const lines = logLines.length;
      const answer = await send(path, body, headers);
      for (const [where, text] of [
        ['response', answer.text],
        ['journal', answer.entryText],
        ['log', logLines.slice(lines).join('\n')],
      ] as const) {
        assert.ok(
          !text.includes(KEY),
          `${path} ${JSON.stringify(headers)}: the key is in the ${where}: ${text.slice(0, 400)}`,
        );
      }
    }
  });
});
