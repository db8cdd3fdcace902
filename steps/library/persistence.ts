/**
 * Mocks of the scenario's own: started as child processes (as `coincover-mock serve` would be),
 * stopped, killed and started again on the same data directory. Only a mock the scenario started itself can be stopped or restarted; the After hook
 * kills every one and removes its temporary directories.
 */
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'undici';
import { KEY_CHECK_MESSAGES } from '../../mock-server/keys/checkKey.ts';
import { BACKUP_CHECK_MESSAGES } from '../../mock-server/storage/checkBackup.ts';
import { TEST_SEEDS } from '../../mock-server/store/shippedSeeds.ts';
import { STANDARD_DATA } from '../support/backups.ts';
import { defineStep } from '../support/defineStep.ts';
import { currentMock, POOL_ARGS, startOwnMock, tempDir } from '../support/ownMocks.ts';
import type { CoinCoverWorld } from '../support/world.ts';
import { verifyBackupPath, verifyKeyPath } from './verify.ts';

const OWN =
  "A child process on a free port, seeded with the package's test pool; the scenario's requests go to it from now on. It is killed after the scenario.";

export function dataDirOf(world: CoinCoverWorld): string {
  const dir = world.dataDir;
  if (!dir) throw new Error(`this scenario has no data directory${world.where()}`);
  return dir;
}

defineStep(
  {
    domain: 'persistence',
    keyword: 'Given',
    text: "a mock of the scenario's own, started with {string}",
    parameters: { string: 'the command-line flags of `coincover-mock serve`, space-separated' },
    example: 'Given a mock of the scenario\'s own, started with "--opaque-errors"',
    description: `${OWN} Also seeded with the vector key.`,
  },
  async function (flags: string) {
    await startOwnMock(this, [
      ...TEST_SEEDS.flatMap((file) => ['--seed', file]),
      ...flags.split(/\s+/).filter(Boolean),
    ]);
    this.objectValidationErrors = /--validation-errors[ =]object/.test(flags);
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'Given',
    text: "a mock of the scenario's own on a new data directory",
    example: "Given a mock of the scenario's own on a new data directory",
    description: `${OWN} With --data-dir in a new temporary directory (removed after the scenario).`,
  },
  async function () {
    const dir = join(tempDir(this, 'data'), 'state');
    this.dataDir = dir;
    await startOwnMock(this, ['--data-dir', dir, ...POOL_ARGS]);
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'Given',
    text: "a mock of the scenario's own on a new data directory, seeded with {string}",
    parameters: { string: 'seed files, comma-separated, relative to the working directory' },
    example:
      'Given a mock of the scenario\'s own on a new data directory, seeded with "fixtures/seeds/backups.test.json"',
    description: `${OWN} With --data-dir and these --seed files.`,
  },
  async function (files: string) {
    const dir = join(tempDir(this, 'data'), 'state');
    this.dataDir = dir;
    const seeds = files.split(',').flatMap((file) => ['--seed', file.trim()]);
    await startOwnMock(this, ['--data-dir', dir, ...seeds, ...POOL_ARGS]);
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'When',
    text: 'the mock is stopped',
    example: 'When the mock is stopped',
    description: "Stops the scenario's own mock cleanly (SIGTERM).",
  },
  async function () {
    await currentMock(this).stop();
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'When',
    text: 'the mock is killed with SIGKILL',
    example: 'When the mock is killed with SIGKILL',
    description: "Kills the scenario's own mock without warning.",
  },
  async function () {
    await currentMock(this).kill('SIGKILL');
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'When',
    text: 'the mock is started again on the same data directory',
    example: 'When the mock is started again on the same data directory',
    description: "Starts a new own mock on the scenario's data directory.",
  },
  async function () {
    await startOwnMock(this, ['--data-dir', dataDirOf(this), ...POOL_ARGS]);
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'When',
    text: 'the mock is started again with the same arguments',
    example: 'When the mock is started again with the same arguments',
    description: 'Starts a new own mock exactly as the last one was started.',
  },
  async function () {
    currentMock(this);
    await startOwnMock(this, this.ownMockArgs);
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'Then',
    text: 'its ready line reports {int} key(s) and {int} backup(s) seeded',
    parameters: { int: 'keys, then backups' },
    example: 'Then its ready line reports 3 keys and 4 backups seeded',
    description: "The own mock's ready line says how much the seed files added.",
  },
  function (keys: number, backups: number) {
    assert.match(
      currentMock(this).readyLine,
      new RegExp(`seeded ${keys} keys, ${backups} backups, `),
    );
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'Then',
    text: 'every key and backup answered 200 is held again and verifies',
    example: 'Then every key and backup answered 200 is held again and verifies',
    description: 'Each key and backup of the scenario is verified again and reported valid.',
  },
  async function () {
    this.checked();
    const keys = [...new Set(this.keys.values())];
    const backups = new Map([...this.backups].map(([alias, b]) => [b.backupId, { alias, ...b }]));
    assert.ok(keys.length > 0 && backups.size > 0, 'the scenario stored nothing to check');
    for (const key of keys) {
      const answer = await this.send('GET', verifyKeyPath(key.keyId));
      assert.deepEqual(
        [answer.status, answer.body],
        [200, { message: KEY_CHECK_MESSAGES.VALID, is_key_valid: true }],
        `key ${key.keyId}`,
      );
    }
    for (const backup of backups.values()) {
      const answer = await this.send('GET', verifyBackupPath(backup.backupId));
      const expected =
        backup.type === 'file' ? BACKUP_CHECK_MESSAGES.VALID_FILE : BACKUP_CHECK_MESSAGES.VALID;
      assert.deepEqual(
        [answer.status, answer.body],
        [200, { is_backup_valid: true, message: expected }],
        `${backup.alias} (${backup.backupId})`,
      );
    }
    this.checked();
  },
);

/**
 * A stream of correct stores over several connections; at the `after`-th 200 the mock is killed
 * with SIGKILL while the other connections still have stores in flight. Every store answered 200
 * before the kill is remembered as a backup of the scenario.
 */
defineStep(
  {
    domain: 'persistence',
    keyword: 'When',
    text: 'stores stream over {int} connections and the mock is killed with SIGKILL after {int} are acknowledged',
    parameters: { int: 'connections, then how many 200s before the kill' },
    example:
      'When stores stream over 8 connections and the mock is killed with SIGKILL after 40 are acknowledged',
    description:
      'Correct standard-endpoint stores under the key, in parallel, until the own mock is killed mid-stream; each 200 is kept as a backup. Fails unless some store was in flight at the kill.',
  },
  async function (connections: number, after: number) {
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
          const answer = await pool.request({ method: 'POST', path: STANDARD_DATA, headers, body });
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
