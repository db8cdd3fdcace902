/** Backing up data on the standard endpoint (POST /v1/secure/data), where the checksum is optional. */
import { randomBytes } from 'node:crypto';
import { encryptWithOpenSsl, sha256Hex } from '../support/clientCrypto.ts';
import { sendStandardBackup, STANDARD_DATA } from '../support/backups.ts';
import { defineStep } from '../support/defineStep.ts';

const STANDARD =
  'On the standard endpoint (POST /v1/secure/data): the text, encrypted the reference way. A 200 answer is kept as "the backup".';

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: 'data is backed up on the standard endpoint under a public key the mock never issued',
    example:
      'When data is backed up on the standard endpoint under a public key the mock never issued',
    description:
      'On the standard endpoint: 550 random bytes of hex as public_key, 512 random bytes as data.',
  },
  async function () {
    const plaintext = 'orphan';
    await this.send('POST', STANDARD_DATA, {
      json: {
        public_key: randomBytes(550).toString('hex'),
        checksum: sha256Hex(plaintext),
        data: randomBytes(512).toString('base64'),
      },
    });
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: '{string} is backed up under {key} on the standard endpoint',
    parameters: { string: 'the plaintext', key: 'the key' },
    example:
      'When "32-byte chain code of the backup signer" is backed up under the rsa4096 key on the standard endpoint',
    description: `${STANDARD} With the SHA-256 of the text as checksum. Under a signer key, which cannot encrypt, the data is 512 random bytes.`,
  },
  async function (text: string, alias: string) {
    await sendStandardBackup(this, text, alias, { checksum: sha256Hex(text) });
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: '{string} is backed up under {key} on the standard endpoint without a checksum',
    parameters: { string: 'the plaintext', key: 'the key' },
    example:
      'When "treasury wallet chain code" is backed up under the key on the standard endpoint without a checksum',
    description: `${STANDARD} No checksum: the standard endpoint takes it as optional.`,
  },
  async function (text: string, alias: string) {
    await sendStandardBackup(this, text, alias, {});
  },
);

defineStep(
  {
    domain: 'storage',
    keyword: 'When',
    text: '{string} is backed up under {key} on the standard endpoint with the checksum of {string}',
    parameters: { string: 'the plaintext, then the text whose SHA-256 is sent', key: 'the key' },
    example:
      'When "seed words" is backed up under the key on the standard endpoint with the checksum of "other words"',
    description: `${STANDARD} With the checksum of another text.`,
  },
  async function (text: string, alias: string, other: string) {
    await sendStandardBackup(this, text, alias, { checksum: sha256Hex(other) });
  },
);

defineStep(
  {
    domain: 'encryption',
    keyword: 'When',
    text: '{string} is backed up under {key} on the standard endpoint, encrypted by the OpenSSL command line with {string}',
    parameters: { string: 'the plaintext, then the -pkeyopt settings', key: 'the key' },
    example:
      'When "seed words" is backed up under the key on the standard endpoint, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep"',
    description: `${STANDARD} The ciphertext made by openssl pkeyutl with these options; with the text's checksum.`,
  },
  async function (text: string, alias: string, options: string) {
    const ciphertext = encryptWithOpenSsl(this.key(alias).publicKey, Buffer.from(text), options);
    await sendStandardBackup(this, text, alias, { checksum: sha256Hex(text) }, ciphertext);
  },
);

defineStep(
  {
    domain: 'encryption',
    keyword: 'When',
    text: '{string} is backed up under {key} on the standard endpoint, encrypted by the OpenSSL command line with {string} and without a checksum',
    parameters: { string: 'the plaintext, then the -pkeyopt settings', key: 'the key' },
    example:
      'When "seed words" is backed up under the key on the standard endpoint, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep" and without a checksum',
    description: `${STANDARD} The ciphertext made by openssl; no checksum.`,
  },
  async function (text: string, alias: string, options: string) {
    const ciphertext = encryptWithOpenSsl(this.key(alias).publicKey, Buffer.from(text), options);
    await sendStandardBackup(this, text, alias, {}, ciphertext);
  },
);
