/**
 * POST /_mock/reset while stores are in flight. Every store happens wholly before the reset or
 * wholly after it: no backup is acknowledged under a key the reset removed (in memory they were
 * left orphaned, and the snapshot could not be loaded), and nothing answers 500 (on --data-dir a
 * late write failed its FOREIGN KEY).
 */
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Pool } from 'undici';
import { createApp } from '../mock-server/app.ts';
import { buildConfig } from '../mock-server/config.ts';
import { openDataDir } from '../mock-server/store/dataDir.ts';
import type { Store } from '../mock-server/store/store.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { tempDir } from './support/tempDirs.ts';

const headers = { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' };

function storeBody(publicKeyHex: string): string {
  const plaintext = Buffer.from(`reset race ${Math.random()}`);
  const key = createPublicKey({
    key: Buffer.from(publicKeyHex, 'hex'),
    format: 'der',
    type: 'spki',
  });
  const data = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    plaintext,
  ).toString('base64');
  return JSON.stringify({
    public_key: publicKeyHex,
    checksum: createHash('sha256').update(plaintext).digest('hex'),
    data,
  });
}

async function raceResetAgainstStores(store: Store | undefined): Promise<void> {
  const mock = createApp(
    buildConfig({ port: 0, poolSize: 0, seedFiles: TEST_SEEDS, quiet: true, cryptoWorkers: 2 }),
    { store },
  );
  const server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
    connections: 16,
  });
  try {
    const keys: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const answer = await pool.request({
        method: 'POST',
        path: '/v1/partner/keys',
        headers,
        body: JSON.stringify({
          user_identifier: `reset-${i}@example.test`,
          key_type: 'rsa4096',
          key_environment: 'HOT',
          organisation: { customer_id: 'org-reset' },
          package: {},
        }),
      });
      keys.push(((await answer.body.json()) as { public_key: string }).public_key);
    }
    const bodies = Array.from({ length: 40 }, (_, i) => storeBody(keys[i % keys.length] as string));
    let answered = 0;
    let reset: Promise<number> | undefined;
    const later: Array<Promise<{ status: number; backupId?: string }>> = [];
    const send = async (body: string) => {
      const answer = await pool.request({
        method: 'POST',
        path: '/v1/partner/secure/data',
        headers,
        body,
      });
      const parsed = (await answer.body.json()) as { backup_id?: string };
      answered += 1;
      // The reset goes out while most stores are still in flight, and more stores right behind it.
      if (answered === 4) {
        reset = pool
          .request({ method: 'POST', path: '/_mock/reset' })
          .then(async (r) => (await r.body.dump(), r.statusCode));
        later.push(...bodies.slice(0, 8).map(send));
      }
      return { status: answer.statusCode, backupId: parsed.backup_id };
    };
    const first = await Promise.all(bodies.map(send));
    assert.equal(await reset, 200);
    const results = [...first, ...(await Promise.all(later))];
    assert.deepEqual(
      results.filter((r) => r.status !== 200 && r.status !== 404).map((r) => r.status),
      [],
      'only 200, or 404 for a store that came after the reset',
    );
    const orphans = mock.deps.store
      .allBackups()
      .filter((backup) => !mock.deps.store.keyById(backup.keyId));
    assert.deepEqual(
      orphans.map((b) => b.backupId),
      [],
      'backups under keys the reset removed',
    );
    for (const { backupId } of results.filter((r) => r.status === 200)) {
      const backup = mock.deps.store.backupById(backupId as string);
      assert.ok(
        backup === undefined || mock.deps.store.keyById(backup.keyId),
        `backup ${backupId} acknowledged under a removed key`,
      );
    }
    assert.equal(results.length, 48);
    assert.ok(
      first.filter((r) => r.status === 200).length > 4,
      'stores in flight when the reset arrived were answered',
    );
  } finally {
    await pool.close();
    server.closeAllConnections();
    server.close();
    mock.close();
  }
}

describe('POST /_mock/reset during stores', () => {
  it('in memory: no backup is left under a key the reset removed', () =>
    raceResetAgainstStores(undefined));
  it('on --data-dir: no 500, no backup under a removed key', () =>
    raceResetAgainstStores(openDataDir(join(tempDir('reset-race-'), 'state'))));
});
