/**
 * Regenerates fixtures/seeds/backups.test.json: TEST backups under the key of
 * fixtures/seeds/vector-key.test.json (so it must be loaded with that seed), and two backup-signer
 * keys. Ciphertexts are fresh RSA-OAEP SHA-256 encryptions; one backup is deliberately stored with
 * the checksum of another plaintext, as stored data that no longer matches its checksum.
 *
 *   npx tsx scripts/generateSeedBackups.ts
 */
import {
  constants,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const vectorSeed = JSON.parse(readFileSync('fixtures/seeds/vector-key.test.json', 'utf8')) as {
  keys: Array<{ key_id: string; private_key_pem: string }>;
};
const vectorKey = vectorSeed.keys[0]!;
const publicKey = createPublicKey(vectorKey.private_key_pem);
const encrypt = (text: string) =>
  publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(text),
  ).toString('base64');
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const createdAt = '2026-06-24T09:00:00.000Z';
const metadata = (description: string) => ({
  description,
  key_id: vectorKey.key_id,
  key_environment: 'HOT',
  stored_at: createdAt,
});
const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
  key.export({ type: 'pkcs8', format: 'pem' }).toString();
const institution = {
  user_identifier: 'seeded-institution@backups.test',
  organisation: { customer_id: 'org-seeded', customer_name: 'Seeded Institution' },
};

const seed = {
  format: 'coincover-mock-seed/1',
  about:
    'TEST ONLY: backups under the key of vector-key.test.json (load both) and two backup-signer keys. Backup ...0003 is stored with the checksum of another plaintext. Never use these keys for anything real. Regenerate with scripts/generateSeedBackups.ts.',
  keys: [
    {
      key_id: randomUUID(),
      ...institution,
      key_type: 'secp256k1',
      key_environment: 'COLD',
      private_key_pem: pem(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey),
      created_at: createdAt,
    },
    {
      key_id: randomUUID(),
      ...institution,
      key_type: 'ed25519',
      key_environment: 'HOT',
      private_key_pem: pem(generateKeyPairSync('ed25519').privateKey),
      created_at: createdAt,
    },
  ],
  backups: [
    {
      backup_id: '5eed0000-0000-4000-8000-000000000001',
      key_id: vectorKey.key_id,
      backup_type: 'data',
      checksum: sha256('seeded backup: verifies'),
      data: encrypt('seeded backup: verifies'),
      metadata: metadata('verifies'),
      created_at: createdAt,
    },
    {
      backup_id: '5eed0000-0000-4000-8000-000000000002',
      key_id: vectorKey.key_id,
      backup_type: 'data',
      checksum: null,
      data: encrypt('seeded backup: no checksum'),
      metadata: metadata('stored without a checksum'),
      created_at: createdAt,
    },
    {
      backup_id: '5eed0000-0000-4000-8000-000000000003',
      key_id: vectorKey.key_id,
      backup_type: 'data',
      checksum: sha256('a different plaintext'),
      data: encrypt('seeded backup: checksum does not match'),
      metadata: metadata('checksum does not match'),
      created_at: createdAt,
    },
    {
      backup_id: '5eed0000-0000-4000-8000-000000000004',
      key_id: vectorKey.key_id,
      backup_type: 'file',
      content_sha256: sha256(randomBytes(4096)),
      data_size: 4096,
      metadata: metadata('a file'),
      created_at: createdAt,
    },
  ],
};
writeFileSync('fixtures/seeds/backups.test.json', `${JSON.stringify(seed, null, 1)}\n`);
console.log('wrote fixtures/seeds/backups.test.json: 2 signer keys, 4 backups');
