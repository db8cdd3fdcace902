/**
 * The three documented key types (reference §5) as node:crypto keys: which type a private key is,
 * the public_key hex each type is returned as, and whether a held private key still matches the
 * public key that was issued (what the verify endpoint checks, reference §4.2).
 */
import {
  constants,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { KeyType } from '../model.ts';
import { spkiHex } from './rsaKeys.ts';
import { compressedSecp256k1Hex, ed25519Hex, signerPublicKey } from './signerKeys.ts';

export const KEY_TYPES = ['rsa4096', 'secp256k1', 'ed25519'] as const satisfies readonly KeyType[];

/** What a private key is, in words, for error messages: "RSA-2048", "EC prime256v1", "ed448". */
export function describeKey(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? 'unknown';
  if (type === 'rsa') return `RSA-${key.asymmetricKeyDetails?.modulusLength ?? '?'}`;
  if (type === 'ec') return `EC ${key.asymmetricKeyDetails?.namedCurve ?? '?'}`;
  return type;
}

/** The key type of a private key, or null when it is none the service issues. */
export function keyTypeOf(key: KeyObject): KeyType | null {
  if (key.type !== 'private') return null;
  if (key.asymmetricKeyType === 'rsa' && key.asymmetricKeyDetails?.modulusLength === 4096)
    return 'rsa4096';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp256k1')
    return 'secp256k1';
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  return null;
}

/** The public_key hex of an issued key: SPKI DER for rsa4096, the compressed point or the raw key otherwise (reference §5). */
export function publicKeyHexOf(key: KeyObject, keyType: KeyType): string {
  switch (keyType) {
    case 'rsa4096':
      return spkiHex(key);
    case 'secp256k1':
      return compressedSecp256k1Hex(key);
    case 'ed25519':
      return ed25519Hex(key);
  }
}

/**
 * Whether the private key and the issued public key still form a pair: the public key derived
 * from the private half is the one issued, and a fresh challenge round-trips through both halves
 * (an RSA-OAEP encryption to the issued key, or a signature checked with the issued key).
 */
export function keyPairMatches(
  privateKey: KeyObject,
  keyType: KeyType,
  publicKeyHex: string,
): boolean {
  try {
    if (keyTypeOf(privateKey) !== keyType || publicKeyHexOf(privateKey, keyType) !== publicKeyHex)
      return false;
    const challenge = randomBytes(32);
    if (keyType === 'rsa4096') {
      const issued = createPublicKey({
        key: Buffer.from(publicKeyHex, 'hex'),
        format: 'der',
        type: 'spki',
      });
      const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
      return privateDecrypt(
        { key: privateKey, ...oaep },
        publicEncrypt({ key: issued, ...oaep }, challenge),
      ).equals(challenge);
    }
    const digest = keyType === 'ed25519' ? null : 'sha256';
    return verify(
      digest,
      challenge,
      signerPublicKey(keyType, publicKeyHex),
      sign(digest, challenge, privateKey),
    );
  } catch {
    return false;
  }
}
