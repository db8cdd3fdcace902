/** Other encodings of an issued key, computed once per key, for the forensics to compare against. */
import { createPublicKey } from 'node:crypto';
import { pkcs1Hex, spkiPem } from '../crypto/rsaKeys.ts';
import type { RsaKey } from '../crypto/rsaWorkerPool.ts';
import type { KeyRecord } from '../store/records.ts';
import { forgeModulus, type ForgeModulus } from './oaepDecoding.ts';

export interface KeyForms {
  pkcs1Hex: string;
  spkiBase64: string;
  pemHex: string;
  modulus: ForgeModulus;
}

const cache = new WeakMap<KeyRecord, KeyForms>();

/** What the RSA worker pool needs of an issued key. */
export function rsaKeyOf(key: KeyRecord): RsaKey {
  return { keyId: key.keyId, privateKey: key.privateKey, modulus: keyForms(key).modulus };
}

export function keyForms(key: KeyRecord): KeyForms {
  let forms = cache.get(key);
  if (!forms) {
    const pem = spkiPem(key.privateKey);
    const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' });
    forms = {
      pkcs1Hex: pkcs1Hex(key.privateKey),
      spkiBase64: Buffer.from(key.publicKeyHex, 'hex').toString('base64'),
      pemHex: Buffer.from(pem, 'utf8').toString('hex'),
      modulus: forgeModulus(Buffer.from(String(jwk.n), 'base64url').toString('hex')),
    };
    cache.set(key, forms);
  }
  return forms;
}
