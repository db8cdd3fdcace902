/**
 * The strict decoding of secure/data's `data`: standard base64 (RFC 4648 §4, with its padding) of
 * a ciphertext exactly as long as the modulus. Anything else is refused here and explained by
 * diagnostics/decodeData.ts.
 */

/** No nested quantifiers: this runs on up to 16 MiB of text, and backtracking would overflow the stack. */
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 with its padding (RFC 4648 §4). */
export const strictBase64 = (text: string): boolean =>
  text.length % 4 === 0 && BASE64_ALPHABET.test(text);

/**
 * The ciphertext bytes, or null when `data` is not strict base64 of exactly `modulusBytes` bytes.
 * They get memory of their own: a small Buffer.from is a slice of an 8 KiB shared slab, which a
 * stored backup would keep alive whole and a message to an RSA worker would copy whole.
 */
export function decodeCiphertext(data: string, modulusBytes: number): Buffer | null {
  if (!strictBase64(data)) return null;
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length !== modulusBytes) return null;
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}
