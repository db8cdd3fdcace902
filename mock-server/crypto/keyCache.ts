/**
 * What the RSA worker pool needs of an issued key, computed once per key: its id, its private
 * key and its modulus in node-forge's form (for OAEP decoding). Cached by the private key object,
 * so a key read again from the store costs nothing more.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { forgeModulus, type ForgeModulus } from './oaepDecoding.ts';
import type { RsaKey } from './rsaWorkerPool.ts';

const moduli = new WeakMap<KeyObject, ForgeModulus>();

/** The modulus of an RSA key, for OAEP decoding. */
export function modulusOf(privateKey: KeyObject): ForgeModulus {
  let modulus = moduli.get(privateKey);
  if (!modulus) {
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    modulus = forgeModulus(Buffer.from(String(jwk.n), 'base64url').toString('hex'));
    moduli.set(privateKey, modulus);
  }
  return modulus;
}

export function rsaKeyOf(key: { keyId: string; privateKey: KeyObject }): RsaKey {
  return { keyId: key.keyId, privateKey: key.privateKey, modulus: modulusOf(key.privateKey) };
}
