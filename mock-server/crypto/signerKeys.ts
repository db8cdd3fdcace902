/**
 * Backup-signer keys (reference §5): secp256k1, returned as the hex of its 33-byte compressed
 * point (SEC 1 §2.3.3, prefix 02 or 03, no chain code), and ed25519, returned as the hex of its
 * 32-byte public key (RFC 8032 §5.1.5). Both generate in well under a millisecond, so they need no
 * pool. CoinCover holds the private half and signs only at recovery; the mock never signs with it.
 */
import { createPublicKey, ECDH, generateKeyPairSync, type KeyObject } from 'node:crypto';

export type SignerKeyType = 'secp256k1' | 'ed25519';

export const SIGNER_PUBLIC_KEY_BYTES: Readonly<Record<SignerKeyType, number>> = {
  secp256k1: 33,
  ed25519: 32,
};

export function generateSignerKey(keyType: SignerKeyType): KeyObject {
  return keyType === 'secp256k1'
    ? generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey
    : generateKeyPairSync('ed25519').privateKey;
}

const b64url = (value: unknown) => Buffer.from(String(value), 'base64url');

/** The compressed point of a secp256k1 key: 02 or 03 (the parity of y), then x. */
export function compressedSecp256k1Hex(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const y = b64url(jwk.y);
  const prefix = (y[y.length - 1] as number) & 1 ? '03' : '02';
  return prefix + b64url(jwk.x).toString('hex');
}

export function ed25519Hex(key: KeyObject): string {
  return b64url(createPublicKey(key).export({ format: 'jwk' }).x).toString('hex');
}

/** The public KeyObject a signer key's published hex stands for, to check the private half against. */
export function signerPublicKey(keyType: SignerKeyType, publicKeyHex: string): KeyObject {
  if (keyType === 'ed25519') {
    return createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(publicKeyHex, 'hex').toString('base64url'),
      },
      format: 'jwk',
    });
  }
  const point = ECDH.convertKey(
    publicKeyHex,
    'secp256k1',
    'hex',
    undefined,
    'uncompressed',
  ) as Buffer;
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'secp256k1',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
}
