/**
 * Why a checksum does not match the decrypted plaintext: SHA-256 of the ciphertext (bytes or
 * base64 text), of an encoding of the plaintext, or of nothing recognisable.
 */
import { sha256Hex } from '../crypto/rsaKeys.ts';
import { finding, type Finding } from './findings.ts';

export function diagnoseChecksum(
  checksum: string,
  plaintext: Buffer,
  ciphertext: Buffer,
  dataText: string,
): Finding {
  const given = checksum.toLowerCase();
  const overCiphertext: Array<[string, Buffer | string]> = [
    ['the ciphertext bytes', ciphertext],
    ['the base64 ciphertext text', dataText],
  ];
  for (const [what, input] of overCiphertext) {
    if (sha256Hex(input) === given) {
      return finding(
        'checksum_over_ciphertext',
        `checksum is SHA-256 of ${what}; it must be SHA-256 of the plaintext.`,
        { computed_over: what },
      );
    }
  }
  const overEncodings: Array<[string, Buffer | string]> = [
    ['the plaintext as hex text', plaintext.toString('hex')],
    ['the plaintext as base64 text', plaintext.toString('base64')],
    ['the plaintext with a trailing newline', Buffer.concat([plaintext, Buffer.from('\n')])],
    ['the plaintext with a trailing CRLF', Buffer.concat([plaintext, Buffer.from('\r\n')])],
    [
      'the plaintext without its trailing newline',
      plaintext.toString('utf8').replace(/\r?\n$/, ''),
    ],
  ];
  for (const [what, input] of overEncodings) {
    if (sha256Hex(input) === given) {
      return finding(
        'checksum_over_encoded_plaintext',
        `checksum is SHA-256 of ${what}; it must be SHA-256 of the exact plaintext bytes that were encrypted.`,
        { computed_over: what },
      );
    }
  }
  return finding(
    'checksum_mismatch',
    'The ciphertext decrypts, but checksum is not the SHA-256 of the plaintext nor of anything recognisable derived from it.',
    {
      plaintext_length: plaintext.length,
    },
  );
}
