/** Other encodings of an issued key, computed once per key, for the forensics to compare against. */
import { modulusOf } from '../crypto/keyCache.ts';
import type { ForgeModulus } from '../crypto/oaepDecoding.ts';
import { pkcs1Hex, spkiPem } from '../crypto/rsaKeys.ts';
import type { KeyRecord } from '../model.ts';

export interface KeyForms {
  pkcs1Hex: string;
  spkiBase64: string;
  pemHex: string;
  modulus: ForgeModulus;
}

const cache = new WeakMap<KeyRecord, KeyForms>();

export function keyForms(key: KeyRecord): KeyForms {
  let forms = cache.get(key);
  if (!forms) {
    const pem = spkiPem(key.privateKey);
    forms = {
      pkcs1Hex: pkcs1Hex(key.privateKey),
      spkiBase64: Buffer.from(key.publicKeyHex, 'hex').toString('base64'),
      pemHex: Buffer.from(pem, 'utf8').toString('hex'),
      modulus: modulusOf(key.privateKey),
    };
    cache.set(key, forms);
  }
  return forms;
}
