/**
 * Why a storage request's public_key names no issued key: another encoding of an issued key
 * (public_key_format), an issued key with one byte or nibble dropped, added or changed
 * (public_key_off_by_one), or nothing the mock ever issued (unknown_public_key).
 */
import type { KeyRecord } from '../model.ts';
import { finding, type Finding } from './findings.ts';
import { keyForms } from './keyForms.ts';

/** The two lookups of the store (store/store.ts) the diagnosis uses. */
export interface KeyLookup {
  keyByPublicKey(publicKeyHexLower: string): KeyRecord | undefined;
  keysNear(publicKeyHexLower: string): readonly KeyRecord[];
}

type Edit = 'dropped' | 'added' | 'changed';

/** The single byte or nibble edit that turns `issued` into `given`, if there is one. */
export function singleEdit(
  given: string,
  issued: string,
): { edit: Edit; unit: 'byte' | 'nibble'; hexOffset: number } | null {
  let p = 0;
  while (p < given.length && p < issued.length && given[p] === issued[p]) p += 1;
  const tail = (g: number, i: number) => given.slice(p + g) === issued.slice(p + i);
  switch (given.length - issued.length) {
    case -2:
      return tail(0, 2) ? { edit: 'dropped', unit: 'byte', hexOffset: p } : null;
    case -1:
      return tail(0, 1) ? { edit: 'dropped', unit: 'nibble', hexOffset: p } : null;
    case 1:
      return tail(1, 0) ? { edit: 'added', unit: 'nibble', hexOffset: p } : null;
    case 2:
      return tail(2, 0) ? { edit: 'added', unit: 'byte', hexOffset: p } : null;
    case 0:
      if (p === given.length) return null;
      if (tail(1, 1)) return { edit: 'changed', unit: 'nibble', hexOffset: p };
      return tail(2, 2) ? { edit: 'changed', unit: 'byte', hexOffset: p } : null;
    default:
      return null;
  }
}

/** The DER before an RSA-4096 RSAPublicKey in its SubjectPublicKeyInfo: SEQUENCE, rsaEncryption, BIT STRING (RFC 8017 A.1, RFC 5280 4.1). */
const RSA_4096_SPKI_HEADER = '30820222300d06092a864886f70d01010105000382020f00';

/**
 * The few issued keys a public_key that names none could be a mangled form of, found by lookups
 * (never by walking every key, which stalled the HTTP loop with thousands of keys): the value
 * decoded back from each encoding diagnosePublicKey names, looked up exactly, and the keys that
 * start or end like it (one byte or nibble off).
 */
export function publicKeyCandidates(raw: unknown, store: KeyLookup): KeyRecord[] {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 16_384) return [];
  const given = raw.trim();
  const lower = given.toLowerCase();
  const unprefixed = lower.startsWith('0x') ? lower.slice(2) : lower;
  const hexOf = (base64: string) =>
    /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64').toString('hex') : '';
  const decoded = [unprefixed, RSA_4096_SPKI_HEADER + unprefixed, hexOf(given.replace(/\s+/g, ''))];
  if (/^([0-9a-f]{2})+$/.test(unprefixed)) {
    // Hex of text: of the PEM, or of the base64.
    const text = Buffer.from(unprefixed, 'hex').toString('latin1');
    decoded.push(hexOf(text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '')));
  }
  const found = new Set<KeyRecord>();
  for (const hex of decoded) {
    const key = hex ? store.keyByPublicKey(hex) : undefined;
    if (key) found.add(key);
  }
  for (const key of store.keysNear(unprefixed)) found.add(key);
  return [...found];
}

/**
 * `raw` is the public_key as sent. When it named no key at all (404), the answer is always one
 * finding; when it failed validation, only a recognised issued key is worth adding.
 */
export function diagnosePublicKey(
  raw: unknown,
  keys: readonly KeyRecord[],
  { failedValidation = false } = {},
): Finding[] {
  if (typeof raw !== 'string' || raw.length === 0) return [];
  const given = raw.trim();
  const lower = given.toLowerCase();
  const unprefixed = lower.startsWith('0x') ? lower.slice(2) : lower;
  for (const key of keys) {
    if (key.keyType !== 'rsa4096') continue;
    const forms = keyForms(key);
    const format =
      unprefixed === forms.pkcs1Hex
        ? 'hex of the PKCS#1 RSAPublicKey instead of the SubjectPublicKeyInfo that was issued'
        : given.replace(/\s+/g, '') === forms.spkiBase64
          ? 'base64 instead of hex'
          : unprefixed === forms.pemHex ||
              unprefixed ===
                Buffer.from(
                  Buffer.from(key.publicKeyHex, 'hex').toString('base64'),
                  'utf8',
                ).toString('hex')
            ? 'hex of the PEM (or base64) text instead of hex of the DER bytes'
            : unprefixed === key.publicKeyHex && given !== raw
              ? 'the issued hex with surrounding whitespace'
              : unprefixed === key.publicKeyHex && lower !== unprefixed
                ? 'the issued hex with a 0x prefix'
                : null;
    if (format) {
      return [
        finding(
          'public_key_format',
          `public_key is the issued key ${key.keyId} in another encoding: ${format}. Send the public_key exactly as it was returned.`,
          { key_id: key.keyId, encoding: format },
        ),
      ];
    }
  }
  for (const key of keys) {
    const edit = singleEdit(unprefixed, key.publicKeyHex);
    if (edit) {
      const byteOffset = Math.floor(edit.hexOffset / 2);
      const where =
        byteOffset >= key.publicKeyHex.length / 2 - 1
          ? 'the last byte'
          : `byte offset ${byteOffset}`;
      return [
        finding(
          'public_key_off_by_one',
          `public_key is the issued key ${key.keyId} with one ${edit.unit} ${edit.edit} at ${where} (hex offset ${edit.hexOffset}). Check the hex/PEM conversion.`,
          {
            key_id: key.keyId,
            edit: edit.edit,
            unit: edit.unit,
            byte_offset: byteOffset,
            hex_offset: edit.hexOffset,
          },
        ),
      ];
    }
  }
  if (failedValidation) return [];
  return [
    finding(
      'unknown_public_key',
      'public_key matches no key this mock has issued. Assign a key first and send its public_key exactly as returned.',
      { length: given.length },
    ),
  ];
}
