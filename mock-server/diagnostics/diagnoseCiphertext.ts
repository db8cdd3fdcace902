/**
 * Why a 512-byte ciphertext does not decrypt with RSA-OAEP SHA-256/MGF1-SHA-256 under the named
 * key. The store's one raw RSA operation (c^d mod n) gave the encoded message; every padding and
 * hash pair is tested on it without further private-key work. Only when nothing fits are other issued keys
 * tried (wrong_key), nearest candidates first, up to a cap.
 */
import { wipeResult } from '../crypto/checkedDecrypt.ts';
import { sha256Hex } from '../crypto/rsaKeys.ts';
import type { RsaWorkerPool } from '../crypto/rsaWorkerPool.ts';
import type { KeyRecord } from '../model.ts';
import { finding, type Finding } from './findings.ts';
import { rsaKeyOf } from '../crypto/keyCache.ts';
import { keyForms } from './keyForms.ts';
import { decodeOaepOtherHashes, decodePkcs1v15, oaepSha256LabelHash } from './otherPaddings.ts';
import { looksLikeText, notEncryptedFinding } from './decodeData.ts';

const HASH_NAMES: Record<string, string> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  md5: 'MD5',
};

function checksumDetail(message: Buffer, checksum: string | null): Record<string, unknown> {
  return checksum === null
    ? {}
    : { plaintext_matches_checksum: sha256Hex(message) === checksum.toLowerCase() };
}

/**
 * What the encoded message reveals about the padding, or null when it fits no padding. The checks
 * run in order and the first that fits answers; exhaustive runs every one of them in full whatever
 * fits (--opaque-errors: the time must not tell the paddings apart).
 */
export function diagnoseEncodedMessage(
  key: KeyRecord,
  em: Buffer,
  checksum: string | null,
  { exhaustive = false } = {},
): Finding | null {
  const checks: Array<() => Finding | null> = [
    () => {
      const oaep = decodeOaepOtherHashes(keyForms(key).modulus, em, { exhaustive });
      if (!oaep) return null;
      const details = {
        oaep_hash: HASH_NAMES[oaep.oaepHash],
        mgf1_hash: HASH_NAMES[oaep.mgf1Hash],
        ...checksumDetail(oaep.message, checksum),
      };
      if (oaep.oaepHash === 'sha256') {
        return finding(
          'oaep_mgf1_mismatch',
          `The ciphertext is RSA-OAEP with SHA-256 as the OAEP hash but ${details.mgf1_hash} for MGF1; both must be SHA-256.`,
          details,
        );
      }
      return finding(
        'oaep_hash_mismatch',
        `The ciphertext is RSA-OAEP with ${details.oaep_hash} as the OAEP hash and ${details.mgf1_hash} for MGF1; both must be SHA-256.`,
        details,
      );
    },
    () => {
      const labelHash = oaepSha256LabelHash(em, { exhaustive });
      return labelHash
        ? finding(
            'oaep_label',
            'The ciphertext is RSA-OAEP SHA-256/MGF1-SHA-256 with a non-empty label; the label must be empty.',
            { label_sha256: labelHash },
          )
        : null;
    },
    () => {
      const pkcs1 = decodePkcs1v15(em);
      return pkcs1
        ? finding(
            'pkcs1_v15_padding',
            'The ciphertext uses PKCS#1 v1.5 encryption padding, not RSA-OAEP.',
            { message_length: pkcs1.length, ...checksumDetail(pkcs1, checksum) },
          )
        : null;
    },
    () => {
      const leadingZeros = em.findIndex((byte) => byte !== 0);
      const unpadded = em.subarray(leadingZeros < 0 ? em.length : leadingZeros);
      const matches =
        checksum !== null &&
        (sha256Hex(unpadded) === checksum.toLowerCase() ||
          sha256Hex(em) === checksum.toLowerCase());
      const text = looksLikeText(unpadded);
      if (!matches && !(leadingZeros >= 64 && text)) return null;
      return finding(
        'no_padding',
        'The ciphertext is raw ("textbook") RSA of the plaintext with no padding at all.',
        {
          leading_zero_bytes: Math.max(leadingZeros, 0),
          ...(checksum === null ? {} : { plaintext_matches_checksum: matches }),
        },
      );
    },
  ];
  if (exhaustive) return checks.map((check) => check()).find((found) => found !== null) ?? null;
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return null;
}

/** `em` is the raw RSA result under the named key (null when the ciphertext is not below its modulus). */
export async function diagnoseCiphertext(
  rsa: RsaWorkerPool,
  named: KeyRecord,
  ciphertext: Buffer,
  em: Buffer | null,
  checksum: string | null,
  candidates: readonly KeyRecord[],
  cap: number,
  { exhaustive = false } = {},
): Promise<Finding[]> {
  if (exhaustive)
    return diagnoseExhaustively(rsa, named, ciphertext, em, checksum, candidates, cap);
  const padding = em ? diagnoseEncodedMessage(named, em, checksum) : null;
  if (padding) return [padding];
  if (checksum !== null && sha256Hex(ciphertext) === checksum.toLowerCase())
    return [plaintextItself(ciphertext)];
  let tried = 0;
  for (const other of candidates) {
    if (tried >= cap) break;
    if (other === named || other.keyType !== 'rsa4096') continue;
    tried += 1;
    // One at a time, on the worker pool: a search over many keys must not stall the HTTP loop.
    const result = await rsa.decrypt(rsaKeyOf(other), ciphertext, null);
    if (result.ok) return [wrongKey(named, other)];
    wipeResult(result);
  }
  const why = em ? 'fits no known padding' : 'is not below the modulus of the named key';
  return [
    finding(
      'undecryptable',
      `The ciphertext ${why}, and no other issued key (${tried} tried) decrypts it with RSA-OAEP SHA-256.`,
      { other_keys_tried: tried },
    ),
  ];
}

const plaintextItself = (ciphertext: Buffer) =>
  notEncryptedFinding(
    'data is exactly as long as a ciphertext, does not decrypt, and its SHA-256 equals checksum: it is the plaintext itself.',
    ciphertext.length,
  );

const wrongKey = (named: KeyRecord, used: KeyRecord) =>
  finding(
    'wrong_key',
    `The ciphertext was encrypted under another issued key (${used.keyId}), not the key public_key names (${named.keyId}).`,
    {
      key_id_named: named.keyId,
      key_id_used: used.keyId,
    },
  );

/**
 * The same findings as diagnoseCiphertext, by the same work whatever arrived (--opaque-errors):
 * every padding check in full, and every candidate key up to the cap tried, even once one
 * decrypts. The caller runs it for a checksum mismatch too, so that one costs the same.
 */
async function diagnoseExhaustively(
  rsa: RsaWorkerPool,
  named: KeyRecord,
  ciphertext: Buffer,
  em: Buffer | null,
  checksum: string | null,
  candidates: readonly KeyRecord[],
  cap: number,
): Promise<Finding[]> {
  const padding = diagnoseEncodedMessage(named, em ?? Buffer.alloc(ciphertext.length), checksum, {
    exhaustive: true,
  });
  const itself = checksum !== null && sha256Hex(ciphertext) === checksum.toLowerCase();
  const others = candidates
    .filter((other) => other !== named && other.keyType === 'rsa4096')
    .slice(0, cap);
  const results = await Promise.all(
    others.map((other) => rsa.decrypt(rsaKeyOf(other), ciphertext, null)),
  );
  const used = others.find((_, i) => results[i]?.ok);
  for (const result of results) wipeResult(result);
  if (em && padding) return [padding];
  if (itself) return [plaintextItself(ciphertext)];
  if (used) return [wrongKey(named, used)];
  const why = em ? 'fits no known padding' : 'is not below the modulus of the named key';
  return [
    finding(
      'undecryptable',
      `The ciphertext ${why}, and no other issued key (${others.length} tried) decrypts it with RSA-OAEP SHA-256.`,
      { other_keys_tried: others.length },
    ),
  ];
}

/** Issued keys nearest the named one: same customer, then same key environment, newest first. */
export function nearestCandidates(named: KeyRecord, keys: readonly KeyRecord[]): KeyRecord[] {
  const rank = (k: KeyRecord) =>
    (k.customerId === named.customerId ? 0 : 2) +
    (k.keyEnvironment === named.keyEnvironment ? 0 : 1);
  return [...keys].reverse().sort((a, b) => rank(a) - rank(b));
}
