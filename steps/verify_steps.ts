/** The verify endpoints: GET /v1/keys/{keyId}/verify and /v1/backups/{backupId}/verify, and their /v1/hot aliases. */
import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { KEY_CHECK_MESSAGES } from '../mock-server/keys/checkKey.ts';
import { BACKUP_CHECK_MESSAGES } from '../mock-server/storage/checkBackup.ts';
import type { CoinCoverWorld } from './support/world.ts';

const prefix = (path: string) => (path === 'the hot path' ? '/v1/hot' : '/v1');

export const verifyKeyPath = (keyId: string, hot = false) =>
  `${hot ? '/v1/hot' : '/v1'}/keys/${keyId}/verify`;
export const verifyBackupPath = (backupId: string, hot = false) =>
  `${hot ? '/v1/hot' : '/v1'}/backups/${backupId}/verify`;

When('the client verifies the key', async function (this: CoinCoverWorld) {
  await this.send('GET', verifyKeyPath(this.key().keyId));
});

When(
  'the client verifies the key through {string}',
  async function (this: CoinCoverWorld, path: string) {
    await this.send('GET', `${prefix(path)}/keys/${this.key().keyId}/verify`);
  },
);

When('the client verifies the {word} key', async function (this: CoinCoverWorld, keyType: string) {
  await this.send('GET', verifyKeyPath(this.key(`the ${keyType} key`).keyId));
});

When('the client verifies the backup', async function (this: CoinCoverWorld) {
  await this.send('GET', verifyBackupPath(this.backup('the backup')));
});

When('the client verifies the file', async function (this: CoinCoverWorld) {
  await this.send('GET', verifyBackupPath(this.backup('the file')));
});

When(
  'the client verifies the backup through {string}',
  async function (this: CoinCoverWorld, path: string) {
    await this.send('GET', `${prefix(path)}/backups/${this.backup('the backup')}/verify`);
  },
);

When(
  'the client verifies the key {string} at {string}',
  async function (this: CoinCoverWorld, id: string, path: string) {
    await this.send('GET', `${prefix(path)}/keys/${encodeURIComponent(id)}/verify`);
  },
);

When(
  'the client verifies the backup {string} at {string}',
  async function (this: CoinCoverWorld, id: string, path: string) {
    await this.send('GET', `${prefix(path)}/backups/${encodeURIComponent(id)}/verify`);
  },
);

When("the client verifies the key's id as a backup", async function (this: CoinCoverWorld) {
  await this.send('GET', verifyBackupPath(this.key().keyId));
});

When('the client verifies the backup {string}', async function (this: CoinCoverWorld, id: string) {
  await this.send('GET', verifyBackupPath(id));
});

Then('the key is reported valid', function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.equal(response.status, 200, response.text.slice(0, 300));
  assert.deepEqual(response.body, { message: KEY_CHECK_MESSAGES.VALID, is_key_valid: true });
});

Then(
  'the backup is reported {word} with the {word} message',
  function (this: CoinCoverWorld, verdict: string, name: string) {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const message = BACKUP_CHECK_MESSAGES[name as keyof typeof BACKUP_CHECK_MESSAGES];
    assert.ok(message, `no message ${name}`);
    assert.ok(
      verdict === 'valid' || verdict === 'invalid',
      `verdict ${verdict} is neither valid nor invalid`,
    );
    assert.deepEqual(response.body, { is_backup_valid: verdict === 'valid', message });
  },
);
