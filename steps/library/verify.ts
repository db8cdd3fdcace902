/** The verify endpoints: GET /v1/keys/{keyId}/verify and /v1/backups/{backupId}/verify, and their /v1/hot aliases. */
import assert from 'node:assert/strict';
import { KEY_CHECK_MESSAGES } from '../../mock-server/keys/checkKey.ts';
import { BACKUP_CHECK_MESSAGES } from '../../mock-server/storage/checkBackup.ts';
import { defineStep } from '../support/defineStep.ts';

const prefix = (where: string) => (where === 'the hot path' ? '/v1/hot' : '/v1');
export const verifyKeyPath = (keyId: string, where = 'the spec path') =>
  `${prefix(where)}/keys/${encodeURIComponent(keyId)}/verify`;
export const verifyBackupPath = (backupId: string, where = 'the spec path') =>
  `${prefix(where)}/backups/${encodeURIComponent(backupId)}/verify`;

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: '{key} is verified',
    parameters: { key: 'the key' },
    example: 'When the key is verified',
    description: 'GET /v1/keys/{keyId}/verify for the key.',
  },
  async function (alias: string) {
    await this.send('GET', verifyKeyPath(this.key(alias).keyId));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: '{key} is verified at {verifyPath}',
    parameters: { key: 'the key', verifyPath: 'which path' },
    example: 'When the key is verified at the hot path',
    description: 'GET …/keys/{keyId}/verify at that path.',
  },
  async function (alias: string, where: string) {
    await this.send('GET', verifyKeyPath(this.key(alias).keyId, where));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: '{backup} is verified',
    parameters: { backup: 'the backup' },
    example: 'When the backup is verified',
    description: 'GET /v1/backups/{backupId}/verify for the backup.',
  },
  async function (alias: string) {
    await this.send('GET', verifyBackupPath(this.backup(alias).backupId));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: '{backup} is verified at {verifyPath}',
    parameters: { backup: 'the backup', verifyPath: 'which path' },
    example: 'When the backup is verified at the hot path',
    description: 'GET …/backups/{backupId}/verify at that path.',
  },
  async function (alias: string, where: string) {
    await this.send('GET', verifyBackupPath(this.backup(alias).backupId, where));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: 'the key id {string} is verified at {verifyPath}',
    parameters: { string: 'any key id, sent as it is (URL-encoded)', verifyPath: 'which path' },
    example: 'When the key id "not-a-uuid" is verified at the spec path',
    description: 'GET …/keys/{keyId}/verify for an id written in the feature.',
  },
  async function (id: string, where: string) {
    await this.send('GET', verifyKeyPath(id, where));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: 'the backup id {string} is verified',
    parameters: { string: 'any backup id, e.g. one of a seed file' },
    example: 'When the backup id "5eed0000-0000-4000-8000-000000000001" is verified',
    description: 'GET /v1/backups/{backupId}/verify for an id written in the feature.',
  },
  async function (id: string) {
    await this.send('GET', verifyBackupPath(id));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: 'the backup id {string} is verified at {verifyPath}',
    parameters: { string: 'any backup id', verifyPath: 'which path' },
    example:
      'When the backup id "7d0c4f5e-2a61-4c1b-9e3f-000000000000" is verified at the hot path',
    description: 'GET …/backups/{backupId}/verify at that path.',
  },
  async function (id: string, where: string) {
    await this.send('GET', verifyBackupPath(id, where));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'When',
    text: "{key}'s id is verified as a backup",
    parameters: { key: 'the key' },
    example: "When the key's id is verified as a backup",
    description: 'GET /v1/backups/{id}/verify with the id of a key.',
  },
  async function (alias: string) {
    await this.send('GET', verifyBackupPath(this.key(alias).keyId));
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'Then',
    text: 'the key is reported valid',
    example: 'Then the key is reported valid',
    description: 'The answer is 200 `{"message": <the VALID message>, "is_key_valid": true}`.',
  },
  function () {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    assert.deepEqual(response.body, { message: KEY_CHECK_MESSAGES.VALID, is_key_valid: true });
  },
);

defineStep(
  {
    domain: 'verify',
    keyword: 'Then',
    text: 'the backup is reported {word} with the {word} message',
    parameters: {
      word: `valid or invalid, then the message's name: ${Object.keys(BACKUP_CHECK_MESSAGES).join(', ')}`,
    },
    example: 'Then the backup is reported invalid with the COLD message',
    description:
      'The answer is 200 `{"is_backup_valid": <verdict>, "message": <that message>}`: the reference verdict.',
  },
  function (verdict: string, name: string) {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const message = BACKUP_CHECK_MESSAGES[name as keyof typeof BACKUP_CHECK_MESSAGES];
    assert.ok(
      message,
      `no message ${name}; known: ${Object.keys(BACKUP_CHECK_MESSAGES).join(', ')}`,
    );
    assert.ok(
      verdict === 'valid' || verdict === 'invalid',
      `verdict ${verdict} is neither valid nor invalid`,
    );
    assert.deepEqual(response.body, { is_backup_valid: verdict === 'valid', message });
  },
);
