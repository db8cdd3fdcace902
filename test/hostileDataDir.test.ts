/**
 * A data directory that took hostile traffic opens again and keeps its keys. A mock on a
 * temporary --data-dir assigns two keys and stores a backup, then takes a journal-bloat flood
 * (assignments whose sign_with holds thousands of bad names, bodies of thousands of unknown
 * fields), and is killed with SIGKILL. Its database must stay small (each journal entry is
 * bounded), and a mock started again on the directory must come up, hold both keys, verify the
 * backup and store a new one.
 */
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Pool } from 'undici';
import { startMockProcess, type MockProcess } from '../mock-server/api/mockProcess.cts';
import { MAX_FINDINGS } from '../mock-server/diagnostics/findings.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';

const AUTH = { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' };
const FLOOD = 40;
/** The database may grow with the flood, but only by bounded entries: 40 requests, well under 1 MB each. */
const MAX_DATA_DIR_BYTES = 24 * 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'coincover-mock-hostile-'));
const running: MockProcess[] = [];

after(async () => {
  await Promise.all(running.map((mock) => mock.kill('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ mock: MockProcess; pool: Pool }> {
  const mock = await startMockProcess([
    ...TEST_SEEDS.flatMap((file) => ['--seed', file]),
    '--pool-size',
    '0',
    '--data-dir',
    dir,
  ]);
  running.push(mock);
  return { mock, pool: new Pool(mock.url, { connections: 4 }) };
}

async function post(
  pool: Pool,
  path: string,
  body: string,
): Promise<{ status: number; text: string }> {
  const answer = await pool.request({
    method: 'POST',
    path,
    headers: AUTH,
    body,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  return { status: answer.statusCode, text: await answer.body.text() };
}

async function get(
  pool: Pool,
  path: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const answer = await pool.request({ method: 'GET', path, headers: AUTH });
  return { status: answer.statusCode, json: (await answer.body.json()) as Record<string, unknown> };
}

function storeBody(publicKey: string): string {
  const plaintext = randomBytes(32);
  const key = createPublicKey({ key: Buffer.from(publicKey, 'hex'), format: 'der', type: 'spki' });
  const data = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    plaintext,
  ).toString('base64');
  return JSON.stringify({
    public_key: publicKey,
    checksum: createHash('sha256').update(plaintext).digest('hex'),
    data,
  });
}

const assignment = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    user_identifier: `bloat-${i}@example.test`,
    key_type: 'rsa4096',
    key_environment: 'COLD',
    organisation: { customer_id: `org-bloat-${i}` },
    package: {},
    ...extra,
  });

function dataDirBytes(): number {
  return readdirSync(dir).reduce((total, file) => total + statSync(join(dir, file)).size, 0);
}

describe('a data directory after hostile traffic', () => {
  it('stays bounded, opens again after SIGKILL and keeps its keys and backups', async () => {
    const first = await start();
    const keys: Array<{ key_id: string; public_key: string }> = [];
    for (const i of [1, 2]) {
      const answer = await post(first.pool, '/v1/partner/keys', assignment(i));
      assert.equal(answer.status, 200, answer.text.slice(0, 200));
      keys.push(JSON.parse(answer.text) as { key_id: string; public_key: string });
    }
    const stored = await post(
      first.pool,
      '/v1/partner/secure/data',
      storeBody(keys[0]?.public_key as string),
    );
    assert.equal(stored.status, 200, stored.text.slice(0, 200));
    const backupId = (JSON.parse(stored.text) as { backup_id: string }).backup_id;

    const floods = Array.from({ length: FLOOD }, (_, i) =>
      i % 2 === 0
        ? assignment(100 + i, {
            sign_with: Array.from({ length: 9_000 }, (_, n) => `not-a-field-${n}-${'z'.repeat(8)}`),
          })
        : assignment(
            100 + i,
            Object.fromEntries(Array.from({ length: 9_000 }, (_, n) => [`unknown_field_${n}`, n])),
          ),
    );
    for (let i = 0; i < floods.length; i += 4) {
      const answers = await Promise.all(
        floods.slice(i, i + 4).map((body) => post(first.pool, '/v1/partner/keys', body)),
      );
      for (const answer of answers) {
        assert.ok(
          answer.status < 500,
          `the flood got ${answer.status}: ${answer.text.slice(0, 200)}`,
        );
        assert.ok(answer.text.length < 64 * 1024, `an answer of ${answer.text.length} characters`);
      }
    }
    await first.pool.close();
    await first.mock.kill('SIGKILL');
    assert.ok(
      dataDirBytes() < MAX_DATA_DIR_BYTES,
      `the data directory holds ${dataDirBytes()} bytes after ${FLOOD} hostile requests`,
    );

    const second = await start();
    try {
      for (const key of keys) {
        const held = await get(second.pool, `/_mock/keys/${key.key_id}`);
        assert.equal(held.status, 200, `key ${key.key_id} is gone after the restart`);
      }
      const verified = await get(second.pool, `/v1/backups/${backupId}/verify`);
      assert.equal(verified.status, 200);
      const again = await post(
        second.pool,
        '/v1/partner/secure/data',
        storeBody(keys[1]?.public_key as string),
      );
      assert.equal(again.status, 200, again.text.slice(0, 200));
      const journal = await get(second.pool, '/_mock/requests?limit=1000');
      const entries = journal.json.requests as Array<{ faults: unknown[] }>;
      assert.ok(entries.length >= FLOOD, `the journal kept ${entries.length} entries`);
      assert.ok(entries.every((e) => e.faults.length <= MAX_FINDINGS));
    } finally {
      await second.pool.close();
      await second.mock.stop();
    }
  });
});
