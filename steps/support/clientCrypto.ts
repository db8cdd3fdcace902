/**
 * The scenario's own client-side crypto: the correct encryption (node:crypto), and the OpenSSL
 * command line as an independent implementation for the interoperability scenarios.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { constants, createHash, createPublicKey, publicEncrypt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pemOf(publicKeyHex: string): string {
  return createPublicKey({ key: Buffer.from(publicKeyHex, 'hex'), format: 'der', type: 'spki' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

export function encryptOaepSha256(publicKeyHex: string, plaintext: Buffer): Buffer {
  return publicEncrypt(
    { key: pemOf(publicKeyHex), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    plaintext,
  );
}

export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

let openssl: boolean | undefined;

/** Fails the step with a clear line when the OpenSSL command line is not on the PATH. */
export function requireOpenSsl(): void {
  openssl ??= !spawnSync('openssl', ['version'], { stdio: 'ignore' }).error;
  if (!openssl)
    throw new Error('this step needs the OpenSSL command line (openssl), which is not on the PATH');
}

/** `openssl pkeyutl -encrypt` with the given -pkeyopt settings, e.g. "rsa_padding_mode:oaep rsa_oaep_md:sha256". */
export function encryptWithOpenSsl(
  publicKeyHex: string,
  plaintext: Buffer,
  pkeyopts: string,
): Buffer {
  requireOpenSsl();
  const dir = mkdtempSync(join(tmpdir(), 'openssl-client-'));
  try {
    writeFileSync(join(dir, 'pub.pem'), pemOf(publicKeyHex));
    const options = pkeyopts
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((opt) => ['-pkeyopt', opt]);
    return execFileSync(
      'openssl',
      ['pkeyutl', '-encrypt', '-pubin', '-inkey', join(dir, 'pub.pem'), ...options],
      { input: plaintext, stdio: ['pipe', 'pipe', 'pipe'] },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
