/**
 * The paddings a client might have used instead of RSA-OAEP SHA-256/MGF1-SHA-256 with an empty
 * label, probed on the raw RSA result (the encoded message EM of RFC 8017 §7.1.2), so that the
 * one private-key operation of a store also explains a failure. The good path's decoding is
 * crypto/oaepDecoding.ts.
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { decodeOaep, DIGESTS, type Digest, type ForgeModulus } from '../crypto/oaepDecoding.ts';

/** Hash pairs in the order clients get them wrong most often, then every other pair. */
const LIKELY_PAIRS: ReadonlyArray<readonly [Digest, Digest]> = [
  ['sha256', 'sha1'],
  ['sha1', 'sha1'],
  ['sha1', 'sha256'],
  ['sha512', 'sha512'],
  ['sha384', 'sha384'],
  ['sha512', 'sha1'],
  ['sha384', 'sha1'],
];
const PAIRS = [
  ...LIKELY_PAIRS,
  ...DIGESTS.flatMap((a) => DIGESTS.map((b) => [a, b] as const)).filter(
    ([a, b]) =>
      !(a === 'sha256' && b === 'sha256') && !LIKELY_PAIRS.some(([x, y]) => x === a && y === b),
  ),
];

/** The OAEP hash pair other than SHA-256/SHA-256 that the encoded message decodes under, and the message. */
export function decodeOaepOtherHashes(
  modulus: ForgeModulus,
  em: Buffer,
  { exhaustive = false } = {},
): { oaepHash: Digest; mgf1Hash: Digest; message: Buffer } | null {
  let found: { oaepHash: Digest; mgf1Hash: Digest; message: Buffer } | null = null;
  for (const [oaepHash, mgf1Hash] of PAIRS) {
    // Exhaustive: every pair is tried whatever decodes, so the time says nothing about which did.
    const message = decodeOaep(modulus, em, oaepHash, mgf1Hash, { exhaustive });
    if (message && !found) found = { oaepHash, mgf1Hash, message };
    if (found && !exhaustive) break;
  }
  return found;
}

/**
 * OAEP-SHA-256 structure with the label hash ignored: unmasks EM with MGF1-SHA-256 and checks the
 * zero byte, the PS run and the 0x01 separator. When that holds but decoding with the empty label
 * fails, the client used a non-empty label. Returns the label hash found, or null.
 */
export function oaepSha256LabelHash(em: Buffer, { exhaustive = false } = {}): string | null {
  const hLen = 32;
  if (em.length < 2 * hLen + 2 || (em[0] !== 0 && !exhaustive)) return null;
  const mgf = (seed: Buffer, length: number) =>
    Buffer.from(
      forge.mgf.mgf1.create(forge.md.sha256.create()).generate(seed.toString('binary'), length),
      'binary',
    );
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf(maskedDb, hLen));
  const db = xor(maskedDb, mgf(seed, maskedDb.length));
  let i = hLen;
  while (i < db.length && db[i] === 0) i += 1;
  // At least 8 zero bytes of PS: without them a random unmasked block would pass about once in
  // 256 tries (a PKCS#1 v1.5 block, say). Only messages within 8 bytes of the maximum go unnamed.
  if (em[0] !== 0 || i - hLen < MIN_PS_ZEROS || i >= db.length || db[i] !== 1) return null;
  const labelHash = db.subarray(0, hLen).toString('hex');
  return labelHash === EMPTY_SHA256 ? null : labelHash;
}

const MIN_PS_ZEROS = 8;
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = (a[i] as number) ^ (b[i] as number);
  return out;
}

/** PKCS#1 v1.5 encryption block (RFC 8017 §7.2.2): 00 02 PS(>= 8 non-zero) 00 M. */
export function decodePkcs1v15(em: Buffer): Buffer | null {
  if (em[0] !== 0 || em[1] !== 2) return null;
  const separator = em.indexOf(0, 2);
  if (separator < 10) return null;
  return em.subarray(separator + 1);
}
