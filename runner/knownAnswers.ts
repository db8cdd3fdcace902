/**
 * Known-answer tests for the function-level client contract: public keys whose hex-to-PEM
 * conversion is easy to get wrong, and the one correct PEM for each (RFC 7468 §13: the DER of
 * the SubjectPublicKeyInfo, base64 in lines of 64, under "PUBLIC KEY").
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fromPackageRoot } from '../mock-server/packagePaths.ts';

export interface KnownKey {
  name: string;
  hex: string;
}

/** An RSA public key with a chosen modulus (not a usable key pair: hex-to-PEM is pure encoding). */
function spkiWithModulus(modulus: Buffer): string {
  return createPublicKey({
    key: { kty: 'RSA', n: modulus.toString('base64url'), e: 'AQAB' },
    format: 'jwk',
  })
    .export({ type: 'spki', format: 'der' })
    .toString('hex');
}

const vectors = JSON.parse(
  readFileSync(fromPackageRoot('fixtures', 'vectors', 'independent-clients.json'), 'utf8'),
) as { key: { spki_hex: string; pkcs8_pem: string } };

export const VECTOR_KEY = { spkiHex: vectors.key.spki_hex, pkcs8Pem: vectors.key.pkcs8_pem };

/** 0x80 followed by zeros: the DER INTEGER needs a leading zero byte, and the hex is mostly zero runs. */
const zeroRunModulus = Buffer.concat([Buffer.from([0x80]), Buffer.alloc(510), Buffer.from([0x01])]);
/** A top byte of 0x0f: the modulus hex starts with a zero nibble and the INTEGER has no leading zero. */
const zeroNibbleModulus = Buffer.concat([Buffer.from([0x0f]), Buffer.alloc(510, 0xff)]);

export const KNOWN_KEYS: readonly KnownKey[] = [
  { name: 'an RSA-4096 key as the service returns it', hex: vectors.key.spki_hex },
  { name: 'the same key in upper-case hex', hex: vectors.key.spki_hex.toUpperCase() },
  {
    name: 'a modulus whose DER has a leading zero byte and long zero runs',
    hex: spkiWithModulus(zeroRunModulus),
  },
  {
    name: 'a modulus whose hex starts with a zero nibble',
    hex: spkiWithModulus(zeroNibbleModulus),
  },
  {
    name: 'an RSA-2048 key (a different length)',
    hex: generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('hex'),
  },
];

export type PemVerdict = { ok: true } | { ok: false; reason: string; byteOffset: number | null };

/** Compares a client's PEM with the DER it should hold: label, base64, then byte by byte. */
export function judgePem(hex: string, pem: unknown): PemVerdict {
  const der = Buffer.from(hex, 'hex');
  if (typeof pem !== 'string')
    return { ok: false, reason: 'no PEM string was returned', byteOffset: null };
  const match = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/.exec(pem);
  if (!match) return { ok: false, reason: 'the text is not a PEM block', byteOffset: null };
  if (match[1] !== 'PUBLIC KEY')
    return {
      ok: false,
      reason: `the PEM label is "${match[1]}", not "PUBLIC KEY" (SubjectPublicKeyInfo)`,
      byteOffset: null,
    };
  const body = (match[2] ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0)
    return { ok: false, reason: 'the PEM body is not base64', byteOffset: null };
  const got = Buffer.from(body, 'base64');
  if (got.equals(der)) return { ok: true };
  let offset = 0;
  while (offset < got.length && offset < der.length && got[offset] === der[offset]) offset += 1;
  return {
    ok: false,
    reason: `the PEM holds ${got.length} bytes where the key has ${der.length}; the first difference is at byte ${offset}`,
    byteOffset: offset,
  };
}
