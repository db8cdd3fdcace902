/** Backing up recovery material: secure/data and secure/file, correct and otherwise. */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { DataTable, Then, When } from '@cucumber/cucumber';
import { FormData } from 'undici';
import { encryptOaepSha256, encryptWithOpenSsl, sha256Hex } from './support/clientCrypto.ts';
import { newSeedPhrase } from './support/secrets.ts';
import type { CoinCoverWorld } from './support/world.ts';

const DATA_PATH = '/v1/partner/secure/data';
const FILE_PATH = '/v1/partner/secure/file';

interface Backup {
  plaintext: Buffer;
  body: Record<string, unknown>;
}

const backups = new WeakMap<CoinCoverWorld, Backup>();

function backupBody(
  world: CoinCoverWorld,
  plaintext: Buffer,
  ciphertext: Buffer,
): Record<string, unknown> {
  return {
    public_key: world.key().publicKey,
    checksum: sha256Hex(plaintext),
    data: ciphertext.toString('base64'),
    padding_type: 'OAEP',
    metadata: {
      description: 'seed phrase backup',
      content_type: 'text/plain',
      original_filename: 'seed.txt',
    },
  };
}

async function store(world: CoinCoverWorld, plaintext: Buffer, body: Record<string, unknown>) {
  backups.set(world, { plaintext, body });
  world.secretPlaintext = plaintext.toString('utf8');
  await world.send('POST', DATA_PATH, { json: body });
}

When('the client backs up a seed phrase under the key', async function (this: CoinCoverWorld) {
  const plaintext = Buffer.from(newSeedPhrase(), 'utf8');
  await store(
    this,
    plaintext,
    backupBody(this, plaintext, encryptOaepSha256(this.key().publicKey, plaintext)),
  );
});

When(
  'the client backs up a seed phrase encrypted by the OpenSSL command line with {string}',
  async function (this: CoinCoverWorld, pkeyopts: string) {
    const plaintext = Buffer.from(newSeedPhrase(), 'utf8');
    await store(
      this,
      plaintext,
      backupBody(this, plaintext, encryptWithOpenSsl(this.key().publicKey, plaintext, pkeyopts)),
    );
  },
);

When(
  'the client backs up a seed phrase with these fields changed:',
  async function (this: CoinCoverWorld, table: DataTable) {
    const plaintext = Buffer.from(newSeedPhrase(), 'utf8');
    const body = backupBody(this, plaintext, encryptOaepSha256(this.key().publicKey, plaintext));
    for (const [field, value] of table.raw()) {
      if (value === '<absent>') delete body[field as string];
      else body[field as string] = value === '<empty>' ? '' : value;
    }
    await store(this, plaintext, body);
  },
);

When(
  'the client backs up a seed phrase with the extra field {string}',
  async function (this: CoinCoverWorld, field: string) {
    const plaintext = Buffer.from(newSeedPhrase(), 'utf8');
    const body = backupBody(this, plaintext, encryptOaepSha256(this.key().publicKey, plaintext));
    await store(this, plaintext, { ...body, [field]: body.checksum });
  },
);

When(
  'the client backs up a seed phrase with the metadata {string}',
  async function (this: CoinCoverWorld, metadata: string) {
    const plaintext = Buffer.from(newSeedPhrase(), 'utf8');
    await store(this, plaintext, {
      ...backupBody(this, plaintext, encryptOaepSha256(this.key().publicKey, plaintext)),
      metadata: JSON.parse(metadata),
    });
  },
);

Then('the stored metadata has no {string}', function (this: CoinCoverWorld, field: string) {
  const metadata = (this.checked().body as { metadata: Record<string, unknown> }).metadata;
  assert.ok(
    !Object.hasOwn(metadata, field),
    `the stored metadata kept ${field}: ${JSON.stringify(metadata)}`,
  );
});

When('the client sends the same backup again', async function (this: CoinCoverWorld) {
  const last = backups.get(this);
  assert.ok(last, 'nothing was backed up yet');
  await this.send('POST', DATA_PATH, { json: last.body });
});

When(
  'the client backs up data under a public key the mock never issued',
  async function (this: CoinCoverWorld) {
    const plaintext = Buffer.from('orphan', 'utf8');
    const other = this.key().publicKey.slice(0, 100) + 'ab'.repeat(500);
    await store(this, plaintext, {
      public_key: other,
      checksum: sha256Hex(plaintext),
      data: randomBytes(512).toString('base64'),
    });
  },
);

When(
  'the client sends {string} to secure data as {string}',
  async function (this: CoinCoverWorld, raw: string, contentType: string) {
    await this.send('POST', DATA_PATH, { rawBody: raw, headers: { 'content-type': contentType } });
  },
);

Then('the backup is stored as data with its checksum and size', function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.equal(response.status, 200, response.text.slice(0, 300));
  const body = response.body as Record<string, unknown>;
  const last = backups.get(this);
  assert.ok(last);
  assert.match(String(body.backup_id), /^[0-9a-f-]{36}$/);
  assert.equal(body.backup_type, 'data');
  assert.equal(body.checksum, sha256Hex(last.plaintext));
  assert.equal(body.data_size, 512);
  const metadata = body.metadata as Record<string, string>;
  assert.equal(metadata.description, 'seed phrase backup');
  assert.equal(metadata.key_id, this.key().keyId);
  assert.ok(
    !response.text.includes(last.plaintext.toString('utf8')),
    'the plaintext came back in the response',
  );
});

// --- files ------------------------------------------------------------------------------------

function fileForm(
  world: CoinCoverWorld,
  content: Buffer,
  contentType: string,
  withMetadata = true,
): FormData {
  const form = new FormData();
  form.append('public_key', world.key().publicKey);
  if (withMetadata)
    form.append(
      'metadata',
      JSON.stringify({ description: 'wallet backup archive', content_type: 'application/zip' }),
    );
  form.append(
    'file',
    new Blob([new Uint8Array(content)], { type: contentType }),
    `backup-${randomUUID().slice(0, 8)}.bin`,
  );
  return form;
}

When(
  'the client uploads an encrypted file of {int} bytes',
  async function (this: CoinCoverWorld, size: number) {
    await this.send('POST', FILE_PATH, {
      form: fileForm(this, randomBytes(size), 'application/octet-stream'),
    });
  },
);

When(
  'the client uploads an encrypted file of {int} bytes as {string}',
  async function (this: CoinCoverWorld, size: number, contentType: string) {
    await this.send('POST', FILE_PATH, { form: fileForm(this, randomBytes(size), contentType) });
  },
);

When(
  'the client uploads the text file {string}',
  async function (this: CoinCoverWorld, text: string) {
    await this.send('POST', FILE_PATH, {
      form: fileForm(this, Buffer.from(text.repeat(20)), 'application/octet-stream'),
    });
  },
);

When('the client uploads a form without a file part', async function (this: CoinCoverWorld) {
  const form = new FormData();
  form.append('public_key', this.key().publicKey);
  await this.send('POST', FILE_PATH, { form });
});

When('the client sends a multipart body that ends half-way', async function (this: CoinCoverWorld) {
  const boundary = 'cut-short-boundary';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="public_key"\r\n\r\n${this.key().publicKey}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\nabc`;
  await this.send('POST', FILE_PATH, {
    rawBody: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
});

When('the client sends JSON to the file endpoint', async function (this: CoinCoverWorld) {
  await this.send('POST', FILE_PATH, { json: { public_key: this.key().publicKey, file: 'AAAA' } });
});

Then('the backup is stored as a file', function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.equal(response.status, 200, response.text.slice(0, 300));
  const body = response.body as Record<string, unknown>;
  assert.match(String(body.backup_id), /^[0-9a-f-]{36}$/);
  assert.equal(body.backup_type, 'file');
  const metadata = body.metadata as Record<string, string>;
  assert.equal(metadata.description, 'wallet backup archive');
  assert.equal(metadata.key_id, this.key().keyId);
});

When(
  'the client backs up a seed phrase with an upper-case checksum',
  async function (this: CoinCoverWorld) {
    const plaintext = Buffer.from(newSeedPhrase(), 'utf8');
    const body = backupBody(this, plaintext, encryptOaepSha256(this.key().publicKey, plaintext));
    body.checksum = String(body.checksum).toUpperCase();
    await store(this, plaintext, body);
  },
);

/** Hostile `data` values and keys: each must get a 4xx with a name, never a 5xx. */
const HOSTILE: Record<
  string,
  (world: CoinCoverWorld) => { body?: Record<string, unknown>; raw?: Buffer }
> = {
  'empty data': (w) => ({
    body: { ...backupBody(w, Buffer.from('x'), Buffer.alloc(0)), data: '' },
  }),
  'one byte of data': (w) => ({ body: backupBody(w, Buffer.from('x'), Buffer.from([7])) }),
  '10 MB of base64': (w) => ({ body: backupBody(w, Buffer.from('x'), randomBytes(7_500_000)) }),
  'bytes that are not UTF-8': (w) => {
    const json = Buffer.from(JSON.stringify(backupBody(w, Buffer.from('x'), randomBytes(512))));
    const at = json.indexOf('"data":"') + 8;
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    return { raw: json };
  },
  'a key from another run': (w) => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('hex');
    return { body: { ...backupBody(w, Buffer.from('x'), randomBytes(512)), public_key: other } };
  },
};

When('the client stores {string}', async function (this: CoinCoverWorld, kind: string) {
  const make = HOSTILE[kind];
  assert.ok(make, `no hostile input called ${kind}`);
  const { body, raw } = make(this);
  await this.send(
    'POST',
    DATA_PATH,
    raw ? { rawBody: raw, headers: { 'content-type': 'application/json' } } : { json: body },
  );
});
