/** Building and sending data backups (secure/data) on either endpoint; what was sent is kept on the World. */
import { randomBytes } from 'node:crypto';
import type { Variation } from '../../fixtures/clients/reference/variation.ts';
import { encryptOaepSha256, sha256Hex } from './clientCrypto.ts';
import type { CoinCoverWorld } from './world.ts';

export const PARTNER_DATA = '/v1/partner/secure/data';
export const STANDARD_DATA = '/v1/secure/data';
export const PARTNER_FILE = '/v1/partner/secure/file';
export const STANDARD_FILE = '/v1/secure/file';

/** The partner body of the reference client: OAEP SHA-256 ciphertext, the plaintext's checksum. */
export function backupBody(
  world: CoinCoverWorld,
  plaintext: Buffer,
  ciphertext: Buffer,
  keyAlias = 'the key',
): Record<string, unknown> {
  return {
    public_key: world.key(keyAlias).publicKey,
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

/** The reference client's body for `plaintext` under the key of `keyAlias`, encrypted here. */
export function referenceBody(
  world: CoinCoverWorld,
  plaintext: Buffer,
  keyAlias = 'the key',
): Record<string, unknown> {
  return backupBody(
    world,
    plaintext,
    encryptOaepSha256(world.key(keyAlias).publicKey, plaintext),
    keyAlias,
  );
}

/** The same body made by a client with one mistake (one hook of the reference client replaced). */
export function mistakenBody(
  world: CoinCoverWorld,
  plaintext: Buffer,
  variation: Variation,
  keyAlias = 'the key',
): Record<string, unknown> {
  const publicKey = world.key(keyAlias).publicKey;
  const ciphertext = variation.encrypt(publicKey, plaintext);
  return {
    ...backupBody(world, plaintext, ciphertext, keyAlias),
    public_key: variation.publicKeyForStore(publicKey),
    checksum: variation.checksum(plaintext, ciphertext),
    data: variation.encodeData(ciphertext),
    padding_type: variation.paddingType,
  };
}

/** Sends a data backup; a 200 is remembered as `alias`. */
export async function sendBackup(
  world: CoinCoverWorld,
  path: string,
  plaintext: Buffer,
  body: Record<string, unknown>,
  keyAlias = 'the key',
  alias = 'the backup',
): Promise<void> {
  world.lastSent = { plaintext, body };
  world.secretPlaintext = plaintext.toString('utf8');
  const response = await world.send('POST', path, { json: body });
  if (response.status === 200) {
    const stored = {
      backupId: (response.body as { backup_id: string }).backup_id,
      type: 'data' as const,
      keyAlias,
    };
    world.backups.set(alias, stored);
    world.backups.set('the backup', stored);
  }
}

/** A standard-endpoint backup of `text`: encrypted the reference way (bytes of the right length under a signer key, which cannot encrypt). */
export async function sendStandardBackup(
  world: CoinCoverWorld,
  text: string,
  keyAlias: string,
  fields: Record<string, unknown>,
  ciphertext?: Buffer,
): Promise<void> {
  const plaintext = Buffer.from(text, 'utf8');
  const key = world.key(keyAlias);
  const encrypted =
    ciphertext ??
    (key.keyType === 'rsa4096' ? encryptOaepSha256(key.publicKey, plaintext) : randomBytes(512));
  await sendBackup(
    world,
    STANDARD_DATA,
    plaintext,
    { public_key: key.publicKey, data: encrypted.toString('base64'), ...fields },
    keyAlias,
  );
}
