/** Backing up files (secure/file, multipart/form-data), on the partner endpoint and the standard one. */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { FormData } from 'undici';
import { PARTNER_FILE, STANDARD_FILE } from '../support/backups.ts';
import { defineStep } from '../support/defineStep.ts';
import type { CoinCoverWorld } from '../support/world.ts';

const OCTETS = 'application/octet-stream';

function fileForm(
  world: CoinCoverWorld,
  keyAlias: string,
  content: Buffer,
  type: string,
): FormData {
  const form = new FormData();
  form.append('public_key', world.key(keyAlias).publicKey);
  form.append(
    'metadata',
    JSON.stringify({ description: 'wallet backup archive', content_type: 'application/zip' }),
  );
  form.append(
    'file',
    new Blob([new Uint8Array(content)], { type }),
    `backup-${randomUUID().slice(0, 8)}.bin`,
  );
  return form;
}

async function upload(
  world: CoinCoverWorld,
  path: string,
  keyAlias: string,
  content: Buffer,
  type = OCTETS,
): Promise<void> {
  const response = await world.send('POST', path, {
    form: fileForm(world, keyAlias, content, type),
  });
  if (response.status === 200)
    world.backups.set('the file', {
      backupId: (response.body as { backup_id: string }).backup_id,
      type: 'file',
      keyAlias,
    });
}

const KEPT = 'A 200 answer is kept as "the file".';

defineStep(
  {
    domain: 'files',
    keyword: 'When',
    text: 'an encrypted file of {int} bytes is uploaded under {key}',
    parameters: { int: 'the file size in bytes', key: 'the key named in public_key' },
    example: 'When an encrypted file of 4096 bytes is uploaded under the key',
    description: `On the partner endpoint (POST /v1/partner/secure/file): random bytes as an application/octet-stream file part, with metadata. ${KEPT}`,
  },
  async function (size: number, alias: string) {
    await upload(this, PARTNER_FILE, alias, randomBytes(size));
  },
);

defineStep(
  {
    domain: 'files',
    keyword: 'When',
    text: 'an encrypted file of {int} bytes is uploaded under {key} as {string}',
    parameters: { int: 'the size', key: 'the key', string: "the file part's content type" },
    example: 'When an encrypted file of 1024 bytes is uploaded under the key as "application/zip"',
    description: `As above, with another content type for the file part. ${KEPT}`,
  },
  async function (size: number, alias: string, type: string) {
    await upload(this, PARTNER_FILE, alias, randomBytes(size), type);
  },
);

defineStep(
  {
    domain: 'files',
    keyword: 'When',
    text: 'an encrypted file of {int} bytes is uploaded under {key} on the standard endpoint',
    parameters: { int: 'the size', key: 'the key' },
    example:
      'When an encrypted file of 4096 bytes is uploaded under the key on the standard endpoint',
    description: `On the standard endpoint (POST /v1/secure/file). ${KEPT}`,
  },
  async function (size: number, alias: string) {
    await upload(this, STANDARD_FILE, alias, randomBytes(size));
  },
);

defineStep(
  {
    domain: 'files',
    keyword: 'When',
    text: 'an encrypted file of {int} bytes is uploaded under {key} on the standard endpoint as {string}',
    parameters: { int: 'the size', key: 'the key', string: "the file part's content type" },
    example:
      'When an encrypted file of 512 bytes is uploaded under the key on the standard endpoint as "application/zip"',
    description: `On the standard endpoint, with another content type for the file part. ${KEPT}`,
  },
  async function (size: number, alias: string, type: string) {
    await upload(this, STANDARD_FILE, alias, randomBytes(size), type);
  },
);

defineStep(
  {
    domain: 'files',
    keyword: 'When',
    text: 'the text file {string} is uploaded under {key}',
    parameters: { string: 'text, repeated 20 times as the file content', key: 'the key' },
    example: 'When the text file "my seed words are written here. " is uploaded under the key',
    description: 'On the partner endpoint: a file in the clear, sent as application/octet-stream.',
  },
  async function (text: string, alias: string) {
    await upload(this, PARTNER_FILE, alias, Buffer.from(text.repeat(20)));
  },
);

defineStep(
  {
    domain: 'files',
    keyword: 'When',
    text: 'a form without a file part is uploaded under {key}',
    parameters: { key: 'the key' },
    example: 'When a form without a file part is uploaded under the key',
    description: 'On the partner endpoint: only the public_key part.',
  },
  async function (alias: string) {
    const form = new FormData();
    form.append('public_key', this.key(alias).publicKey);
    await this.send('POST', PARTNER_FILE, { form });
  },
);

defineStep(
  {
    domain: 'files',
    keyword: 'When',
    text: 'a multipart body that ends half-way is uploaded under {key}',
    parameters: { key: 'the key' },
    example: 'When a multipart body that ends half-way is uploaded under the key',
    description: 'On the partner endpoint: the file part is cut off, with no closing boundary.',
  },
  async function (alias: string) {
    const boundary = 'cut-short-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="public_key"\r\n\r\n${this.key(alias).publicKey}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\nabc`;
    await this.send('POST', PARTNER_FILE, {
      rawBody: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  },
);

defineStep(
  {
    domain: 'files',
    keyword: 'Then',
    text: 'the file is stored under {key}',
    parameters: { key: 'the key it was uploaded under' },
    example: 'Then the file is stored under the key',
    description:
      'The answer is 200: a backup_id, backup_type file, the metadata sent, and the key_id of the key.',
  },
  function (alias: string) {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const body = response.body as Record<string, unknown>;
    assert.match(String(body.backup_id), /^[0-9a-f-]{36}$/);
    assert.equal(body.backup_type, 'file');
    const metadata = body.metadata as Record<string, string>;
    assert.equal(metadata.description, 'wallet backup archive');
    assert.equal(metadata.key_id, this.key(alias).keyId);
  },
);
