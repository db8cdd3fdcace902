/**
 * Independent verification of the enclave signature, with libraries other than the one that
 * signed it (the mock signs with node:crypto/OpenSSL): @noble/curves (pure JS) and, as a
 * second opinion, the OpenSSL command line in a separate process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist';
import { request } from 'undici';

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

export async function fetchJwks(baseUrl: string): Promise<{ keys: Jwk[]; cacheControl: string }> {
  const answer = await request(`${baseUrl}/.well-known/jwks.json`);
  const body = (await answer.body.json()) as { keys: Jwk[] };
  return { keys: body.keys, cacheControl: String(answer.headers['cache-control'] ?? '') };
}

function uncompressedPoint(jwk: Jwk): Uint8Array {
  return Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, 'base64url'),
    Buffer.from(jwk.y, 'base64url'),
  ]);
}

export function verifiesWithNoble(jwk: Jwk, signedText: string, signatureBase64: string): boolean {
  return p256.verify(
    Buffer.from(signatureBase64, 'base64'),
    Buffer.from(signedText, 'utf8'),
    uncompressedPoint(jwk),
    {
      format: 'der',
      prehash: true,
      lowS: false,
    },
  );
}

/** The P-256 SubjectPublicKeyInfo prefix (RFC 5480) before the uncompressed point. */
const P256_SPKI_PREFIX = '3059301306072a8648ce3d020106082a8648ce3d030107034200';

export function verifiesWithOpenSsl(
  jwk: Jwk,
  signedText: string,
  signatureBase64: string,
): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-sig-'));
  try {
    const der = Buffer.concat([Buffer.from(P256_SPKI_PREFIX, 'hex'), uncompressedPoint(jwk)]);
    writeFileSync(
      join(dir, 'pub.pem'),
      `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`,
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
}
