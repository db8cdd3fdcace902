/**
 * Duplicate-assignment amplification: identical partner assignments arriving together must not
 * each take or generate an RSA-4096 key only to be answered 409. With an empty pool, fifty of
 * them generate one key: one 200, forty-nine 409 naming that key.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'undici';
import { createApp, type MockApp } from '../mock-server/app.ts';
import { buildConfig } from '../mock-server/config.ts';

let mock: MockApp;
let server: ReturnType<MockApp['app']['listen']>;
let pool: Pool;

before(async () => {
  mock = createApp(buildConfig({ port: 0, poolSize: 0, testPool: false, quiet: true }));
  server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
    connections: 50,
  });
});

after(async () => {
  await pool.close();
  server.closeAllConnections();
  server.close();
  mock.close();
});

describe('concurrent identical partner assignments', () => {
  it('generate one key with an empty pool: one 200, the rest 409 naming it', async () => {
    const body = JSON.stringify({
      user_identifier: 'twice@example.test',
      key_type: 'rsa4096',
      key_environment: 'COLD',
      organisation: { customer_id: 'org-race' },
      package: {},
    });
    const answers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const answer = await pool.request({
          method: 'POST',
          path: '/v1/partner/keys',
          headers: { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' },
          body,
        });
        return {
          status: answer.statusCode,
          body: (await answer.body.json()) as { key_id?: string; message?: string },
        };
      }),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, ...Array(49).fill(409)]);
    assert.equal(mock.deps.pool.stats().generated, 1, 'keys generated');
    assert.equal(mock.deps.store.counts().keys, 1);
    const keyId = answers.find((a) => a.status === 200)?.body.key_id;
    const named = new Set(
      mock.deps.journal
        .list(100)
        .filter((e) => e.status === 409)
        .map((e) => e.faults[0]?.details?.key_id),
    );
    assert.deepEqual([...named], [keyId]);
  });
});
