/**
 * Load without loss: many concurrent clients assign keys and store data and files against a mock
 * process, a share of them wrong on purpose. Afterwards every store answered 200 is there with
 * its checksum, and the rejected ones left nothing behind. Bounded in count and time, loopback only.
 */
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { FormData, Pool } from 'undici';
import { startMockProcess, type MockProcess } from '../mock-server/api/mockProcess.cts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { tempDir } from './support/tempDirs.ts';

const CLIENTS = 16;
const STORES_PER_CLIENT = 8;
const AUTH = { authorization: 'Bearer test-partner-key' };

let mock: MockProcess;
let pool: Pool;

before(async () => {
  mock = await startMockProcess(
    TEST_SEEDS.flatMap((file) => ['--seed', file]).concat(['--pool-size', '0']),
  );
  pool = new Pool(mock.url, { connections: CLIENTS });
});

after(async () => {
  await pool.close();
  await mock.stop();
});

async function post(
  path: string,
  body: object | FormData,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const form = body instanceof FormData;
  const answer = await pool.request({
    method: 'POST',
    path,
    headers: form ? AUTH : { ...AUTH, 'content-type': 'application/json' },
    body: form ? body : JSON.stringify(body),
    headersTimeout: 30_000,
  });
  return { status: answer.statusCode, json: (await answer.body.json()) as Record<string, unknown> };
}

interface Outcome {
  acknowledged: Array<{ backupId: string; checksum: string | null }>;
  rejected: number;
}

async function client(index: number): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: [], rejected: 0 };
  const assigned = await post('/v1/partner/keys', {
    user_identifier: `load-${index}@example.test`,
    key_type: 'rsa4096',
    key_environment: index % 2 ? 'HOT' : 'COLD',
    organisation: { customer_id: 'org-load' },
    package: {},
  });
  assert.equal(assigned.status, 200);
  const publicKeyHex = String(assigned.json.public_key);
  const key = createPublicKey({
    key: Buffer.from(publicKeyHex, 'hex'),
    format: 'der',
    type: 'spki',
  });
  for (let i = 0; i < STORES_PER_CLIENT; i += 1) {
    const plaintext = randomBytes(64);
    const wrong = i % 4 === 3; // every fourth store uses OAEP SHA-1: it must be refused and leave nothing
    const data = publicEncrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: wrong ? 'sha1' : 'sha256' },
      plaintext,
    ).toString('base64');
    const checksum = createHash('sha256').update(plaintext).digest('hex');
    const stored = await post('/v1/partner/secure/data', {
      public_key: publicKeyHex,
      checksum,
      data,
    });
    if (stored.status === 200)
      outcome.acknowledged.push({ backupId: String(stored.json.backup_id), checksum });
    else outcome.rejected += 1;
    assert.equal(stored.status, wrong ? 400 : 200);
  }
  const form = new FormData();
  form.append('public_key', publicKeyHex);
  form.append(
    'file',
    new Blob([new Uint8Array(randomBytes(64 * 1024))], { type: 'application/octet-stream' }),
    'wallet.enc',
  );
  const file = await post('/v1/partner/secure/file', form);
  assert.equal(file.status, 200);
  outcome.acknowledged.push({ backupId: String(file.json.backup_id), checksum: null });
  return outcome;
}

describe('load without loss', () => {
  it(
    `${CLIENTS} concurrent clients: every acknowledged backup is there, every rejected one left nothing`,
    { timeout: 120_000 },
    async () => {
      const outcomes = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
      const acknowledged = outcomes.flatMap((o) => o.acknowledged);
      assert.equal(
        outcomes.reduce((n, o) => n + o.rejected, 0),
        CLIENTS * (STORES_PER_CLIENT / 4),
      );
      for (const { backupId, checksum } of acknowledged) {
        const answer = await pool.request({ method: 'GET', path: `/_mock/backups/${backupId}` });
        const body = (await answer.body.json()) as { checksum: string | null };
        assert.equal(answer.statusCode, 200, `backup ${backupId} answered 200 but is not stored`);
        assert.equal(body.checksum, checksum);
      }
      const health = await pool.request({ method: 'GET', path: '/_mock/health' });
      const { store } = (await health.body.json()) as { store: { backups: number } };
      assert.equal(store.backups, acknowledged.length, 'a rejected store left a backup behind');
    },
  );
});

describe('load without loss, killed mid-load', () => {
  it(
    'SIGKILL while clients store: after a restart on the same --data-dir every acknowledged backup is there',
    { timeout: 180_000 },
    async () => {
      const dataDir = tempDir('load-data-');
      const args = [
        ...TEST_SEEDS.flatMap((file) => ['--seed', file]),
        '--pool-size',
        '0',
        '--data-dir',
        dataDir,
      ];
      const first = await startMockProcess(args);
      const firstPool = new Pool(first.url, { connections: CLIENTS });
      const acknowledged: Array<{ backupId: string; checksum: string }> = [];
      let killed = false;
      const assigned = await firstPool.request({
        method: 'POST',
        path: '/v1/partner/keys',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({
          user_identifier: 'killed@example.test',
          key_type: 'rsa4096',
          key_environment: 'HOT',
          organisation: { customer_id: 'org-kill' },
          package: {},
        }),
      });
      const publicKeyHex = String(
        ((await assigned.body.json()) as { public_key: string }).public_key,
      );
      const key = createPublicKey({
        key: Buffer.from(publicKeyHex, 'hex'),
        format: 'der',
        type: 'spki',
      });
      const worker = async () => {
        while (!killed) {
          const plaintext = randomBytes(48);
          const checksum = createHash('sha256').update(plaintext).digest('hex');
          const data = publicEncrypt(
            { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
            plaintext,
          ).toString('base64');
          try {
            const answer = await firstPool.request({
              method: 'POST',
              path: '/v1/partner/secure/data',
              headers: { ...AUTH, 'content-type': 'application/json' },
              body: JSON.stringify({ public_key: publicKeyHex, checksum, data }),
            });
            const body = (await answer.body.json()) as { backup_id: string };
            if (answer.statusCode === 200)
              acknowledged.push({ backupId: body.backup_id, checksum });
            if (acknowledged.length >= 60 && !killed) {
              killed = true;
              await first.kill('SIGKILL');
            }
          } catch {
            return; // the connection died with the server: this store was never acknowledged
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      await firstPool.close().catch(() => {});
      assert.ok(acknowledged.length >= 60);

      const second = await startMockProcess(args);
      const secondPool = new Pool(second.url, { connections: 4 });
      try {
        for (const { backupId, checksum } of acknowledged) {
          const answer = await secondPool.request({
            method: 'GET',
            path: `/v1/backups/${backupId}/verify`,
            headers: AUTH,
          });
          const body = (await answer.body.json()) as { is_backup_valid: boolean };
          assert.equal(
            answer.statusCode,
            200,
            `acknowledged backup ${backupId} is gone after the restart`,
          );
          assert.equal(body.is_backup_valid, true);
          const stored = await secondPool.request({
            method: 'GET',
            path: `/_mock/backups/${backupId}`,
          });
          assert.equal(((await stored.body.json()) as { checksum: string }).checksum, checksum);
        }
      } finally {
        await secondPool.close();
        await second.stop();
      }
    },
  );
});
