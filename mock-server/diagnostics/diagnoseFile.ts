/**
 * Whether an uploaded file looks unencrypted. CoinCover adds no encryption to files (reference
 * §3.3), so a plain file would be stored as it is. Signs: a known file format's magic bytes,
 * JSON or readable text, or a byte distribution far from random (ciphertext is near 8 bits/byte).
 */
import { finding, type Finding } from './findings.ts';
import { looksLikeText } from './decodeData.ts';

const MAGIC: Array<[string, Buffer]> = [
  ['PDF', Buffer.from('%PDF-')],
  ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ['JPEG', Buffer.from([0xff, 0xd8, 0xff])],
  ['GIF', Buffer.from('GIF8')],
  ['gzip', Buffer.from([0x1f, 0x8b])],
  ['SQLite', Buffer.from('SQLite format 3\0')],
];

/** Shannon entropy in bits per byte. */
export function entropy(bytes: Buffer): number {
  const counts = new Array<number>(256).fill(0);
  for (const byte of bytes) counts[byte] = (counts[byte] as number) + 1;
  let bits = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / bytes.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A ZIP whose first entry is not flagged encrypted (general purpose bit 0 of the local header). */
function plainZip(bytes: Buffer): boolean {
  return (
    bytes.length >= 30 && bytes.readUInt32LE(0) === 0x04034b50 && (bytes.readUInt16LE(6) & 1) === 0
  );
}

export function diagnoseFile(bytes: Buffer): Finding[] {
  const advice =
    'Encrypt the file before upload (for example AES-256-GCM with a fresh key wrapped by the issued RSA key).';
  const magic = MAGIC.find(([, prefix]) => bytes.subarray(0, prefix.length).equals(prefix));
  if (magic || plainZip(bytes)) {
    const format = magic?.[0] ?? 'ZIP with unencrypted entries';
    return [
      finding(
        'file_not_encrypted',
        `The uploaded file is a ${format} file in the clear. ${advice}`,
        { reason: 'magic_bytes', format },
      ),
    ];
  }
  if (looksLikeText(bytes.subarray(0, 4096))) {
    return [
      finding('file_not_encrypted', `The uploaded file is readable text. ${advice}`, {
        reason: 'text',
      }),
    ];
  }
  // Below 256 bytes the entropy of even random data is too low to judge.
  if (bytes.length >= 256) {
    const bits = entropy(bytes);
    const floor = bytes.length >= 4096 ? 7.5 : 6.5;
    if (bits < floor) {
      return [
        finding(
          'file_not_encrypted',
          `The uploaded file has ${bits.toFixed(2)} bits of entropy per byte; ciphertext is close to 8. ${advice}`,
          { reason: 'low_entropy', bits_per_byte: Number(bits.toFixed(3)) },
        ),
      ];
    }
  }
  return [];
}
