/**
 * Why secure/data's `data` is not what crypto/decodeCiphertext.ts accepts (standard base64, with
 * padding, of a ciphertext as long as the modulus). Each way it is not is named: hex, base64url, embedded whitespace, missing
 * padding, base64 of base64 (data_encoding); the plaintext itself (not_encrypted); a ciphertext of
 * the wrong length (ciphertext_length).
 */
import { decodeCiphertext, strictBase64 } from '../crypto/decodeCiphertext.ts';
import { sha256Hex } from '../crypto/rsaKeys.ts';
import { finding, type Finding } from './findings.ts';

/** How much of a large input the text check samples. */
const TEXT_SAMPLE_BYTES = 4096;
const HEX = /^[0-9a-fA-F]+$/;

export type DecodedData = { ok: true; ciphertext: Buffer } | { ok: false; findings: Finding[] };

/** True when most of the bytes are printable text (UTF-8 letters, digits, punctuation, spaces). */
export function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  // A sample cut mid-character would read as invalid UTF-8: drop a partial last character.
  const sample = bytes.length > TEXT_SAMPLE_BYTES ? bytes.subarray(0, TEXT_SAMPLE_BYTES) : bytes;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample, {
    stream: sample !== bytes,
  });
  if (text.includes('\uFFFD')) return false;
  const printable = [...text].filter((c) => /[\p{L}\p{N}\p{P}\p{S}\s]/u.test(c)).length;
  return printable / [...text].length > 0.95;
}

function encodingFault(kind: string, advice: string): Finding[] {
  return [
    finding('data_encoding', `data is ${kind}, not standard base64 of the ciphertext. ${advice}`, {
      encoding: kind,
    }),
  ];
}

/** The ciphertext, as crypto decodes it, or the findings that say why it does not decode. */
export function decodeData(
  data: string,
  checksum: string | null,
  modulusBytes: number,
): DecodedData {
  const ciphertext = decodeCiphertext(data, modulusBytes);
  if (ciphertext) return { ok: true, ciphertext };
  return { ok: false, findings: explainData(data, checksum, modulusBytes) };
}

/** The findings for `data` that crypto's strict decoding refused. */
export function explainData(
  data: string,
  checksum: string | null,
  modulusBytes: number,
): Finding[] {
  if (HEX.test(data) && data.length === 2 * modulusBytes) {
    return encodingFault(
      'hex',
      'Base64-encode the ciphertext bytes (standard alphabet, with padding).',
    );
  }
  if (!strictBase64(data)) {
    const compact = data.replace(/\s+/g, '');
    if (compact !== data && strictBase64(compact)) {
      return encodingFault(
        'base64 with embedded whitespace or line breaks',
        'Use a base64 encoder that does not wrap lines (for example Java Base64.getEncoder(), not getMimeEncoder()).',
      );
    }
    if (
      /[-_]/.test(compact) &&
      strictBase64(padded(compact.replace(/-/g, '+').replace(/_/g, '/')))
    ) {
      return encodingFault(
        'base64url',
        'Use the standard alphabet (+ and /) with = padding, not the URL-safe one.',
      );
    }
    if (strictBase64(padded(compact))) {
      return encodingFault('base64 without its = padding', 'Keep the trailing = padding.');
    }
    return encodingFault('not base64 at all', 'Send the ciphertext as standard base64.');
  }
  // Not of the modulus length (a modulus-length blob was decrypted: its SHA-256 equalling checksum
  // may equally mean a checksum over the ciphertext).
  const bytes = Buffer.from(data, 'base64');
  if (checksum !== null && sha256Hex(bytes) === checksum) return plaintextItself(bytes.length);
  const inner = bytes.toString('latin1');
  if (strictBase64(inner) && Buffer.from(inner, 'base64').length === modulusBytes) {
    return encodingFault('base64 of base64', 'Base64-encode the ciphertext bytes once.');
  }
  if (looksLikeText(bytes)) {
    return notEncrypted(
      `data decodes to ${bytes.length} bytes of readable text, not a ${modulusBytes}-byte ciphertext: it looks like the plaintext itself.`,
      bytes.length,
    );
  }
  const hint =
    bytes.length === modulusBytes - 1
      ? ' One byte short: a ciphertext whose first byte is zero must keep it (left-pad to the modulus length).'
      : bytes.length < modulusBytes
        ? ' Shorter than the modulus: a smaller key, or a truncated ciphertext.'
        : ' Longer than the modulus: extra bytes, or several blocks concatenated.';
  return [
    finding(
      'ciphertext_length',
      `data decodes to ${bytes.length} bytes; an RSA-4096 ciphertext is exactly ${modulusBytes}.${hint}`,
      { length: bytes.length, expected: modulusBytes },
    ),
  ];
}

function padded(text: string): string {
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}

function notEncrypted(message: string, length: number): Finding[] {
  return [notEncryptedFinding(message, length)];
}

export function notEncryptedFinding(message: string, length: number): Finding {
  return finding(
    'not_encrypted',
    `${message} Encrypt it with RSA-OAEP (SHA-256, MGF1-SHA-256) under the issued key.`,
    { length },
  );
}

const plaintextItself = (length: number) =>
  notEncrypted(
    'data decodes to bytes whose SHA-256 equals checksum: it is the plaintext itself, never encrypted.',
    length,
  );
