/**
 * RSA key encodings and the private-key operations the mock performs, on node:crypto (OpenSSL).
 * Issued keys are returned as hex of the DER SubjectPublicKeyInfo (reference §5: the only form the
 * official helper code can wrap as "BEGIN PUBLIC KEY").
 */
import {
  constants,
  createHash,
  createPublicKey,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto';

export const RSA_4096_BYTES = 512;

export function spkiHex(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('hex');
}

export function pkcs1Hex(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'pkcs1', format: 'der' }).toString('hex');
}

export function spkiPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** `key_fingerprint` of sign_with: SHA-256 of the hex-decoded public key bytes, lowercase hex (reference §6). */
export function keyFingerprint(publicKeyHex: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex');
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The raw RSA private-key operation (c^d mod n), for diagnosis. Null when the input is not below the modulus. */
export function rawRsaDecrypt(privateKey: KeyObject, ciphertext: Buffer): Buffer | null {
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    return null;
  }
}
