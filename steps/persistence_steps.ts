/**
 * State that survives a restart: a mock of the scenario's own on a --data-dir, stopped cleanly or
 * killed with SIGKILL in the middle of a stream of stores, started again on the same directory;
 * and the start-up errors of bad data directories and seed files.
 */
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { Pool, request } from 'undici';
import { KEY_CHECK_MESSAGES } from '../mock-server/keys/checkKey.ts';
import { BACKUP_CHECK_MESSAGES } from '../mock-server/storage/checkBackup.ts';
import { openDataDir } from '../mock-server/store/dataDir.ts';
import { applySeeds, readSeedFile } from '../mock-server/store/seedFile.ts';
import { DATABASE_FILE } from '../mock-server/store/sqliteSchema.ts';
import { FEATURE_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { makeBadDataDir, spoilDataDir, tearPage, writeBadSeed } from './support/badInputs.ts';
import {
  currentMock,
  own,
  POOL_ARGS,
  startFailingMock,
  startOwnMock,
  tempDir,
} from './support/ownMocks.ts';
import type { CoinCoverWorld } from './support/world.ts';
import { verifyBackupPath, verifyKeyPath } from './verify_steps.ts';

const dataDirs = new WeakMap<CoinCoverWorld, string>();
const seedFiles = new WeakMap<CoinCoverWorld, string>();

function dataDir(world: CoinCoverWorld): string {
  const dir = dataDirs.get(world);
  if (!dir) throw new Error('this scenario has no data directory');
  return dir;
}

Given('a mock of its own on a new data directory', async function (this: CoinCoverWorld) {
  const dir = join(tempDir(this, 'data'), 'state');
  dataDirs.set(this, dir);
  await startOwnMock(this, ['--data-dir', dir, ...POOL_ARGS]);
});

When('the mock is stopped', async function (this: CoinCoverWorld) {
  await currentMock(this).stop();
});

When('the mock is killed with SIGKILL', async function (this: CoinCoverWorld) {
  await currentMock(this).kill('SIGKILL');
});

When('the mock is started again on the same data directory', async function (this: CoinCoverWorld) {
  await startOwnMock(this, ['--data-dir', dataDir(this), ...POOL_ARGS]);
});

Then(
  'the mock holds {int} key(s) and {int} backup(s)',
  async function (this: CoinCoverWorld, keys: number, backups: number) {
    const answer = await request(`${this.baseUrl}/_mock/health`);
    assert.deepEqual(((await answer.body.json()) as { store: unknown }).store, { keys, backups });
  },
);

Then(
  'every key and backup answered 200 is held again and verifies',
  async function (this: CoinCoverWorld) {
    this.checked();
    const keys = [...new Set(this.keys.values())];
    assert.ok(keys.length > 0 && this.backups.size > 0, 'the scenario stored nothing to check');
    for (const key of keys) {
      const answer = await this.send('GET', verifyKeyPath(key.keyId));
      assert.deepEqual(
        [answer.status, answer.body],
        [200, { message: KEY_CHECK_MESSAGES.VALID, is_key_valid: true }],
        `key ${key.keyId}`,
      );
    }
    for (const [alias, backup] of this.backups) {
      const answer = await this.send('GET', verifyBackupPath(backup.backupId));
      const expected =
        backup.type === 'file' ? BACKUP_CHECK_MESSAGES.VALID_FILE : BACKUP_CHECK_MESSAGES.VALID;
      assert.deepEqual(
        [answer.status, answer.body],
        [200, { is_backup_valid: true, message: expected }],
        `${alias} (${backup.backupId})`,
      );
    }
    this.checked();
  },
);

Then(
  'the journal still holds every request the scenario sent',
  async function (this: CoinCoverWorld) {
    const before = this.seen.filter((r) => r.path.startsWith('/v1/'));
    assert.ok(before.length > 0);
    for (const response of before) {
      const entry = await this.journal(response.requestId);
      assert.deepEqual(
        [entry.method, entry.path, entry.status],
        [response.method, response.path, response.status],
      );
    }
  },
);

/**
 * A stream of correct stores over several connections; at the `after`-th 200 the mock is killed
 * with SIGKILL while the other connections still have stores in flight. Every store answered 200
 * before the kill is remembered as a backup of the scenario.
 */
When(
  'the client streams stores over {int} connections and the mock is killed with SIGKILL after {int} are acknowledged',
  async function (this: CoinCoverWorld, connections: number, after: number) {
    const mock = currentMock(this);
    const key = createPublicKey({
      key: Buffer.from(this.key().publicKey, 'hex'),
      format: 'der',
      type: 'spki',
    });
    const pool = new Pool(this.baseUrl, { connections });
    const headers = { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' };
    let acknowledged = 0;
    let cutOff = 0;
    let killed: Promise<void> | undefined;
    const worker = async () => {
      while (!killed) {
        const plaintext = randomBytes(48);
        const body = JSON.stringify({
          public_key: this.key().publicKey,
          checksum: createHash('sha256').update(plaintext).digest('hex'),
          data: publicEncrypt(
            { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
            plaintext,
          ).toString('base64'),
        });
        try {
          const answer = await pool.request({
            method: 'POST',
            path: '/v1/secure/data',
            headers,
            body,
          });
          const stored = (await answer.body.json()) as { backup_id: string };
          assert.equal(answer.statusCode, 200, JSON.stringify(stored));
          acknowledged += 1;
          this.backups.set(`streamed ${acknowledged}`, {
            backupId: stored.backup_id,
            type: 'data',
            keyAlias: 'the key',
          });
          if (acknowledged >= after) killed ??= mock.kill('SIGKILL');
        } catch (error) {
          if (!killed) throw error;
          cutOff += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    await killed;
    await pool.destroy();
    assert.ok(
      cutOff > 0,
      'no store was in flight when the mock was killed: the kill was not in the middle of the stream',
    );
  },
);

// --- start-up errors --------------------------------------------------------------------------

/** A data directory as a mock leaves it, written with the mock's own store code (quicker than a mock process). */
function writtenDataDir(world: CoinCoverWorld, seeded: boolean): void {
  const dir = join(tempDir(world, 'data'), 'state');
  dataDirs.set(world, dir);
  const store = openDataDir(dir);
  try {
    if (seeded) applySeeds(store, FEATURE_SEEDS.slice(1).map(readSeedFile));
  } finally {
    store.close();
  }
}

Given(
  'a data directory a mock has written, holding keys and backups',
  function (this: CoinCoverWorld) {
    writtenDataDir(this, true);
  },
);

Given('a data directory a mock has written, holding nothing', function (this: CoinCoverWorld) {
  writtenDataDir(this, false);
});

Given('a data directory holding {string}', function (this: CoinCoverWorld, what: string) {
  dataDirs.set(this, makeBadDataDir(tempDir(this, 'bad-data'), what));
});

When(
  'the data directory is changed behind its back: {string}',
  function (this: CoinCoverWorld, what: string) {
    if (what === 'a torn page') tearPage(dataDir(this));
    else spoilDataDir(dataDir(this), what);
  },
);

Given('a seed file holding {string}', function (this: CoinCoverWorld, what: string) {
  seedFiles.set(this, writeBadSeed(tempDir(this, 'bad-seed'), what));
});

Given('a seed file that is a directory', function (this: CoinCoverWorld) {
  seedFiles.set(this, tempDir(this, 'seed-dir'));
});

When('a mock is started on that data directory', async function (this: CoinCoverWorld) {
  await startFailingMock(this, ['--data-dir', dataDir(this), ...POOL_ARGS]);
});

When('a mock is started with that seed file', async function (this: CoinCoverWorld) {
  await startFailingMock(this, ['--seed', seedFiles.get(this) as string, ...POOL_ARGS]);
});

When(
  'a mock is started on the same data directory with that seed file',
  async function (this: CoinCoverWorld) {
    await startFailingMock(this, [
      '--data-dir',
      dataDir(this),
      '--seed',
      seedFiles.get(this) as string,
      ...POOL_ARGS,
    ]);
  },
);

Then(
  'it refuses to start, naming {word} and saying {string}',
  function (this: CoinCoverWorld, what: string, saying: string) {
    const error = own(this).startError;
    assert.ok(error, 'the mock was not refused');
    const named = {
      database: join(resolve(dataDirs.get(this) ?? ''), DATABASE_FILE),
      directory: dataDirs.get(this),
      seed: seedFiles.get(this),
    }[what];
    assert.ok(named, `nothing called ${what} in this scenario`);
    // Exit 2: an input error (the command line's documented exit codes).
    assert.equal(error.exitCode, 2, error.stderr);
    assert.equal(error.stderr.trim().split('\n').length, 1, `not one line: ${error.stderr}`);
    assert.ok(error.stderr.includes(named), `stderr does not name ${named}: ${error.stderr}`);
    assert.ok(error.stderr.includes(saying), `stderr does not say "${saying}": ${error.stderr}`);
    assert.ok(
      !/PRIVATE KEY|\n\s+at /.test(error.stderr),
      `stderr shows a key or a stack trace: ${error.stderr}`,
    );
  },
);
