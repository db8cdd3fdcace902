/**
 * The store's one private-key operation and the check it decides: the raw RSA result, decoded as
 * RSA-OAEP SHA-256/MGF1-SHA-256, and the plaintext's SHA-256 compared with the checksum sent. A
 * ciphertext that passes leaves nothing behind: the raw result and the plaintext are wiped where
 * they were made (on an RSA worker, they never reach the HTTP thread). One that fails hands both
 * back for diagnosis.
 */
import type { KeyObject } from 'node:crypto';
import { decodeOaep, type ForgeModulus } from './oaepDecoding.ts';
import { rawRsaDecrypt, sha256Hex } from './rsaKeys.ts';

export type DecryptResult =
  /** It decodes and, when a checksum was given, the plaintext's SHA-256 equals it. */
  | { ok: true }
  /**
   * It does not decode (`plaintext` null; `em` null when the ciphertext is not below the
   * modulus), or it does and its SHA-256 is not the checksum.
   */
  | { ok: false; em: Buffer | null; plaintext: Buffer | null };

const PASSED: DecryptResult = Object.freeze({ ok: true });

/** `checksum`: lowercase hex of the SHA-256 the plaintext must have, or null for none. */
export function checkedDecrypt(
  privateKey: KeyObject,
  modulus: ForgeModulus,
  ciphertext: Buffer,
  checksum: string | null,
): DecryptResult {
  const em = rawRsaDecrypt(privateKey, ciphertext);
  const plaintext = em && decodeOaep(modulus, em, 'sha256', 'sha256');
  if (em && plaintext && (checksum === null || sha256Hex(plaintext) === checksum)) {
    plaintext.fill(0);
    em.fill(0);
    return PASSED;
  }
  return { ok: false, em, plaintext };
}

/** Wipes what a failed check handed back (the raw result, the plaintext), once it is done with. */
export function wipeResult(result: DecryptResult): void {
  if (result.ok) return;
  result.em?.fill(0);
  result.plaintext?.fill(0);
}
