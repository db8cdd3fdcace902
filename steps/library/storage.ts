/** Backing up recovery material as data on the partner endpoint (POST /v1/partner/secure/data). */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { encryptWithOpenSsl, sha256Hex } from '../support/clientCrypto.ts';
import { backupBody, PARTNER_DATA, referenceBody, sendBackup } from '../support/backups.ts';
import { defineParameter, defineStep } from '../support/defineStep.ts';
import { newSeedPhrase } from '../support/secrets.ts';
import type { CoinCoverWorld } from '../support/world.ts';

const PARTNER =
  'On the partner endpoint (POST /v1/partner/secure/data): a fresh twelve-word test phrase (never written in the feature, so reports can be scanned for it), encrypted the reference way (RSA-OAEP, SHA-256 for OAEP and MGF1), with the SHA-256 of the plaintext as checksum, padding_type OAEP and metadata. A 200 answer is kept as "the backup".';

const seedPhrase = () => Buffer.from(newSeedPhrase(), 'utf8');

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'a seed phrase is backed up under {key}',
    parameters: { key: 'the key to encrypt to and store under' },
    example: 'When a seed phrase is backed up under the key',
    description: PARTNER,
  },
  async function (alias: string) {
    const plaintext = seedPhrase();
    const body = referenceBody(this, plaintext, alias);
    await sendBackup(this, PARTNER_DATA, plaintext, body, alias);
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'a seed phrase called {string} is backed up under {key}',
    parameters: { string: 'the alias of the backup', key: 'the key' },
    example: 'When a seed phrase called "treasury" is backed up under the key "cold"',
    description: `${PARTNER} It is also known as \`the backup "<alias>"\`.`,
  },
  async function (name: string, alias: string) {
    const plaintext = seedPhrase();
    const body = referenceBody(this, plaintext, alias);
    await sendBackup(this, PARTNER_DATA, plaintext, body, alias, name);
  },
);

defineStep(
  {
    domain: 'encryption',
    keyword: 'When',
    text: 'a seed phrase is backed up under {key}, encrypted by the OpenSSL command line with {string}',
    parameters: {
      key: 'the key',
      string: 'the -pkeyopt settings of `openssl pkeyutl -encrypt`, space-separated',
    },
    example:
      'When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha1"',
    description: `As the reference backup, but the ciphertext is made by openssl (needs openssl on the PATH): an independent implementation, right or wrong as the options say.`,
  },
  async function (alias: string, pkeyopts: string) {
    const plaintext = seedPhrase();
    const ciphertext = encryptWithOpenSsl(this.key(alias).publicKey, plaintext, pkeyopts);
    await sendBackup(
      this,
      PARTNER_DATA,
      plaintext,
      backupBody(this, plaintext, ciphertext, alias),
      alias,
    );
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'a seed phrase is backed up under {key} with these fields changed:',
    parameters: {
      key: 'the key',
      table: 'rows of | field | value |; the value <absent> removes the field, <empty> sends ""',
    },
    example:
      'When a seed phrase is backed up under the key with these fields changed:\n  | checksum     | not-a-sha256 |\n  | padding_type | PKCS1        |',
    description: 'The reference backup with some top-level fields replaced or removed.',
  },
  async function (alias: string, table: { raw(): string[][] }) {
    const plaintext = seedPhrase();
    const body = referenceBody(this, plaintext, alias);
    for (const [field, value] of table.raw()) {
      if (value === '<absent>') delete body[field as string];
      else body[field as string] = value === '<empty>' ? '' : value;
    }
    await sendBackup(this, PARTNER_DATA, plaintext, body, alias);
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'a seed phrase is backed up under {key} with the extra field {string}',
    parameters: {
      key: 'the key',
      string: 'a field the API does not define (valued with the checksum)',
    },
    example: 'When a seed phrase is backed up under the key with the extra field "checksum_sha256"',
    description: 'The reference backup with one more top-level field.',
  },
  async function (alias: string, field: string) {
    const plaintext = seedPhrase();
    const body = referenceBody(this, plaintext, alias);
    await sendBackup(this, PARTNER_DATA, plaintext, { ...body, [field]: body.checksum }, alias);
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'a seed phrase is backed up under {key} with the metadata {string}',
    parameters: { key: 'the key', string: 'the metadata object, as JSON' },
    example:
      'When a seed phrase is backed up under the key with the metadata \'{"description": "seed phrase backup", "colour": "red"}\'',
    description: 'The reference backup with this metadata instead.',
  },
  async function (alias: string, metadata: string) {
    const plaintext = seedPhrase();
    const body = referenceBody(this, plaintext, alias);
    await sendBackup(
      this,
      PARTNER_DATA,
      plaintext,
      { ...body, metadata: JSON.parse(metadata) },
      alias,
    );
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'the same backup is sent again',
    example: 'When the same backup is sent again',
    description: 'The last data backup, byte for byte, to the partner endpoint.',
  },
  async function () {
    assert.ok(this.lastSent, `nothing was backed up before this step${this.where()}`);
    await this.send('POST', PARTNER_DATA, { json: this.lastSent.body });
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'data is backed up under a public key the mock never issued',
    example: 'When data is backed up under a public key the mock never issued',
    description:
      'On the partner endpoint: a public_key the mock does not know (the scenario key altered, or random hex when it has none), with 512 random bytes as data.',
  },
  async function () {
    const plaintext = Buffer.from('orphan', 'utf8');
    const other = this.keys.has('the key')
      ? this.key().publicKey.slice(0, 100) + 'ab'.repeat(500)
      : randomBytes(550).toString('hex');
    await sendBackup(this, PARTNER_DATA, plaintext, {
      public_key: other,
      checksum: sha256Hex(plaintext),
      data: randomBytes(512).toString('base64'),
    });
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

defineParameter({
  name: 'hostileInput',
  values: Object.keys(HOSTILE),
  description: 'a hostile secure/data request the diagnosis must survive',
});

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: '{hostileInput} is sent as a backup under the key',
    parameters: { hostileInput: 'which hostile input' },
    example: 'When bytes that are not UTF-8 is sent as a backup under the key',
    description:
      'A partner secure/data request made hostile on purpose: each must get a named 4xx.',
  },
  async function (kind: string) {
    const { body, raw } = (
      HOSTILE[kind] as (w: CoinCoverWorld) => { body?: Record<string, unknown>; raw?: Buffer }
    )(this);
    await this.send(
      'POST',
      PARTNER_DATA,
      raw ? { rawBody: raw, headers: { 'content-type': 'application/json' } } : { json: body },
    );
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'Then',
    text: 'the backup is stored as data with its checksum and size',
    example: 'Then the backup is stored as data with its checksum and size',
    description:
      "The answer to the last partner backup is 200: a backup_id, backup_type data, the plaintext's checksum, data_size 512, the metadata sent plus the key_id, and never the plaintext.",
  },
  function () {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const body = response.body as Record<string, unknown>;
    const last = this.lastSent;
    assert.ok(last, `nothing was backed up before this step${this.where()}`);
    assert.match(String(body.backup_id), /^[0-9a-f-]{36}$/);
    assert.equal(body.backup_type, 'data');
    assert.equal(body.checksum, sha256Hex(last.plaintext));
    assert.equal(body.data_size, 512);
    const metadata = body.metadata as Record<string, string>;
    assert.equal(metadata.description, 'seed phrase backup');
    assert.equal(metadata.key_id, this.key(this.backup().keyAlias).keyId);
    assert.ok(
      !response.text.includes(last.plaintext.toString('utf8')),
      'the plaintext came back in the response',
    );
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'Then',
    text: 'the backup is stored with the checksum of {string}',
    parameters: { string: 'the plaintext' },
    example: 'Then the backup is stored with the checksum of "seed words"',
    description:
      'The answer is 200: backup_type data, the SHA-256 of the text, data_size 512, and not the text.',
  },
  function (text: string) {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const body = response.body as Record<string, unknown>;
    assert.deepEqual(
      { backup_type: body.backup_type, checksum: body.checksum, data_size: body.data_size },
      { backup_type: 'data', checksum: sha256Hex(text), data_size: 512 },
    );
    assert.ok(!response.text.includes(text), 'the plaintext came back in the response');
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'Then',
    text: 'the backup is stored without a checksum',
    example: 'Then the backup is stored without a checksum',
    description:
      'The answer is 200, backup_type data, data_size 512, and no checksum field at all (the document types it as a string, never null).',
  },
  function () {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const body = response.body as Record<string, unknown>;
    assert.ok(
      !Object.hasOwn(body, 'checksum'),
      `checksum is in the answer: ${JSON.stringify(body.checksum)}`,
    );
    assert.deepEqual(
      { backup_type: body.backup_type, data_size: body.data_size },
      { backup_type: 'data', data_size: 512 },
    );
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'Then',
    text: 'the stored metadata has no {string}',
    parameters: { string: 'a metadata field' },
    example: 'Then the stored metadata has no "colour"',
    description: 'The metadata of the answer does not hold that field.',
  },
  function (field: string) {
    const metadata = (this.checked().body as { metadata: Record<string, unknown> }).metadata;
    assert.ok(
      !Object.hasOwn(metadata, field),
      `the stored metadata kept ${field}: ${JSON.stringify(metadata)}`,
    );
  },
);
