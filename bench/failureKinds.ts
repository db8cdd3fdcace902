/**
 * One store body per way a ciphertext can fail verification, for the opaque-errors checks (the
 * unit test counts the work each does, the benchmark times them). `named` is the key public_key
 * names; `sibling` another issued key, for wrong_key.
 */
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export const FAILURE_KINDS = [
  'oaep_hash_mismatch',
  'oaep_mgf1_mismatch',
  'oaep_label',
  'pkcs1_v15_padding',
  'no_padding',
  'checksum_mismatch',
  'wrong_key',
  'undecryptable',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

const spki = (hex: string) =>
  createPublicKey({ key: Buffer.from(hex, 'hex'), format: 'der', type: 'spki' });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function forgeOaep(publicKeyHex: string, plaintext: Buffer, mgf1: 'sha1' | 'sha256'): Buffer {
  const pem = spki(publicKeyHex).export({ type: 'spki', format: 'pem' }).toString();
  const key = forge.pki.publicKeyFromPem(pem) as forge.pki.rsa.PublicKey;
  return Buffer.from(
    key.encrypt(plaintext.toString('binary'), 'RSA-OAEP', {
      md: forge.md.sha256.create(),
      mgf1: { md: forge.md[mgf1].create() },
    }),
    'binary',
  );
}

export function failingStore(
  kind: FailureKind,
  named: string,
  sibling: string,
): { public_key: string; checksum: string; data: string } {
  const plaintext = Buffer.from(`opaque kind ${kind} ${randomBytes(8).toString('hex')}`);
  const key = spki(named);
  const oaep = (hash: string, extra: object = {}) =>
    publicEncrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash, ...extra },
      plaintext,
    );
  let ciphertext: Buffer;
  let checksum = sha256(plaintext);
  switch (kind) {
    case 'oaep_hash_mismatch':
      ciphertext = oaep('sha1');
      break;
    case 'oaep_mgf1_mismatch':
      ciphertext = forgeOaep(named, plaintext, 'sha1');
      break;
    case 'oaep_label':
      ciphertext = oaep('sha256', { oaepLabel: Buffer.from('label') });
      break;
    case 'pkcs1_v15_padding':
      ciphertext = publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, plaintext);
      break;
    case 'no_padding':
      ciphertext = publicEncrypt(
        { key, padding: constants.RSA_NO_PADDING },
        Buffer.concat([Buffer.alloc(512 - plaintext.length), plaintext]),
      );
      break;
    case 'checksum_mismatch':
      ciphertext = oaep('sha256');
      checksum = sha256(Buffer.from('something else'));
      break;
    case 'wrong_key':
      ciphertext = publicEncrypt(
        { key: spki(sibling), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        plaintext,
      );
      break;
    case 'undecryptable':
      ciphertext = Buffer.concat([Buffer.alloc(1), randomBytes(511)]);
      break;
  }
  return { public_key: named, checksum, data: ciphertext.toString('base64') };
}
