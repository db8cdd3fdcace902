/**
 * Checking the enclave signature of an assignment the way an integration must: against the
 * published JWKS, with node:crypto, or with the OpenSSL command line in a separate process.
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { requireOpenSsl } from './clientCrypto.ts';

export interface Jwk {
  kty: string;
  crv: string;
  alg: string;
  use: string;
  kid: string;
  x: string;
  y: string;
  'coincover:purposes': string[];
  'coincover:validFrom': string;
}

export type SignatureCheck = (jwk: Jwk, signedText: string, signatureBase64: string) => boolean;

export async function fetchJwks(baseUrl: string): Promise<{ keys: Jwk[]; cacheControl: string }> {
  const answer = await request(`${baseUrl}/.well-known/jwks.json`);
  const body = (await answer.body.json()) as { keys: Jwk[] };
  return { keys: body.keys, cacheControl: String(answer.headers['cache-control'] ?? '') };
}

const publicKeyOf = (jwk: Jwk) =>
  createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });

/** ES256 over the UTF-8 text, the signature DER-encoded (as the service sends it). */
export const verifiesWithNodeCrypto: SignatureCheck = (jwk, signedText, signatureBase64) => {
  try {
    return verify(
      'sha256',
      Buffer.from(signedText, 'utf8'),
      { key: publicKeyOf(jwk), dsaEncoding: 'der' },
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
};

/** `openssl dgst -sha256 -verify`: a second implementation, in its own process. */
export const verifiesWithOpenSsl: SignatureCheck = (jwk, signedText, signatureBase64) => {
  requireOpenSsl();
  const dir = mkdtempSync(join(tmpdir(), 'enclave-sig-'));
  try {
    writeFileSync(
      join(dir, 'pub.pem'),
      publicKeyOf(jwk).export({ type: 'spki', format: 'pem' }).toString(),
    );
    writeFileSync(join(dir, 'sig.der'), Buffer.from(signatureBase64, 'base64'));
    writeFileSync(join(dir, 'msg'), signedText, 'utf8');
    execFileSync(
      'openssl',
      [
        'dgst',
        '-sha256',
        '-verify',
        join(dir, 'pub.pem'),
        '-signature',
        join(dir, 'sig.der'),
        join(dir, 'msg'),
      ],
      { stdio: 'pipe' },
    );
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
