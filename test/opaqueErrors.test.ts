/**
 * --opaque-errors is no oracle: every way a ciphertext fails verification does the same work (the
 * same number of private-key operations: the named key, then every candidate key up to the cap,
 * even when one decrypts), answers the same bytes, and no answer of any kind carries x-mock-faults.
 * The journal still names each failure exactly as without the flag.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'undici';
import { createApp, type MockApp } from '../mock-server/app.ts';
import { buildConfig } from '../mock-server/config.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { failingStore, FAILURE_KINDS } from '../bench/failureKinds.ts';

let mock: MockApp;
let server: ReturnType<MockApp['app']['listen']>;
let pool: Pool;
const keys: string[] = [];
let decrypts = 0;

const headers = { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' };
const post = async (path: string, body: unknown) => {
  const answer = await pool.request({ method: 'POST', path, headers, body: JSON.stringify(body) });
  return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
};

before(async () => {
  mock = createApp(
    buildConfig({
      port: 0,
      poolSize: 0,
      seedFiles: TEST_SEEDS,
      opaqueErrors: true,
      quiet: true,
      wrongKeyCandidates: 3,
    }),
  );
  server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 2 });
  for (let i = 0; i < 5; i += 1) {
    const answer = await post('/v1/partner/keys', {
      user_identifier: `opaque-${i}@example.test`,
      key_type: 'rsa4096',
      key_environment: 'HOT',
      organisation: { customer_id: 'org-opaque' },
      package: {},
    });
    keys.push((JSON.parse(answer.text) as { public_key: string }).public_key);
  }
  const decrypt = mock.deps.rsa.decrypt.bind(mock.deps.rsa);
  mock.deps.rsa.decrypt = (key, ciphertext, checksum) => {
    decrypts += 1;
    return decrypt(key, ciphertext, checksum);
  };
});

after(async () => {
  await pool.close();
  server.closeAllConnections();
  server.close();
  mock.close();
});

describe('--opaque-errors', () => {
  it('does the same private-key work for every failure kind, answers the same bytes, and the journal tells them apart', async () => {
    const seen = new Map<string, { work: number; text: string }>();
    for (const kind of FAILURE_KINDS) {
      const before = decrypts;
      // keys[4] is the newest key of the same customer: the wrong_key search tries it first, and the answer must still wait for the rest.
      const answer = await post(
        '/v1/partner/secure/data',
        failingStore(kind, keys[0] as string, keys[4] as string),
      );
      assert.equal(answer.status, 400, kind);
      assert.equal(answer.headers['x-mock-faults'], undefined, kind);
      const entry = mock.deps.journal.get(String(answer.headers['x-request-id']));
      assert.deepEqual(
        entry?.faults.map((f) => f.code),
        [kind],
      );
      seen.set(kind, { work: decrypts - before, text: answer.text });
    }
    const works = [...seen.entries()].map(([kind, s]) => `${kind}=${s.work}`);
    assert.deepEqual(
      new Set([...seen.values()].map((s) => s.work)),
      new Set([1 + 3]),
      `private-key operations per kind: ${works.join(', ')}`,
    );
    assert.equal(new Set([...seen.values()].map((s) => s.text)).size, 1);
  });

  it('puts x-mock-faults on no answer at all: 404s, validation errors, 409s, warnings', async () => {
    const hex = keys[0] as string;
    const answers = [
      await post('/v1/partner/secure/data', {
        public_key: 'ab'.repeat(550),
        checksum: 'ab'.repeat(32),
        data: Buffer.alloc(512, 1).toString('base64'),
      }),
      await post('/v1/partner/secure/data', {
        public_key: hex.slice(0, -2),
        checksum: 'ab'.repeat(32),
        data: Buffer.alloc(512, 1).toString('base64'),
      }),
      await post('/v1/partner/secure/data', { public_key: hex, checksum: 'nope', data: 'x' }),
      await post('/v1/partner/keys', {
        user_identifier: 'opaque-0@example.test',
        key_type: 'rsa4096',
        key_environment: 'HOT',
        organisation: { customer_id: 'org-opaque' },
        package: {},
      }),
      await post('/v1/keys', { user_identifier: 'defaulted@example.test', key_type: 'ed25519' }),
      await post('/v1/nope', {}),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [404, 404, 400, 409, 200, 404],
    );
    for (const answer of answers)
      assert.equal(answer.headers['x-mock-faults'], undefined, answer.text);
    assert.deepEqual(
      answers.slice(0, 2).map((a) => a.text),
      [answers[0]?.text, answers[0]?.text],
    );
  });
});
