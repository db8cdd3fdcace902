/**
 * RSAES-OAEP decoding (RFC 8017 §7.1.2 step 3) of a raw RSA result (the encoded message EM): the
 * good path's decoding, and the one every other padding probe builds on. node-forge's decoder is
 * used because it takes the raw EM and a separate MGF1 hash, which node:crypto cannot; the
 * private-key operation itself is node:crypto's (rsaKeys.ts).
 */
import forge from 'node-forge';

export const DIGESTS = ['sha256', 'sha1', 'sha384', 'sha512', 'md5'] as const;
export type Digest = (typeof DIGESTS)[number];

/** The OAEP decoder of node-forge; its type definitions omit the pkcs1 namespace. */
const pkcs1 = (
  forge as unknown as {
    pkcs1: {
      decode_rsa_oaep(key: { n: forge.jsbn.BigInteger }, em: string, options: object): string;
    };
  }
).pkcs1;

function forgeDigest(name: Digest): forge.md.MessageDigest {
  return forge.md[name].create();
}

export interface ForgeModulus {
  n: forge.jsbn.BigInteger;
}

export function forgeModulus(modulusHex: string): ForgeModulus {
  return { n: new forge.jsbn.BigInteger(modulusHex, 16) };
}

/** RSAES-OAEP decoding (RFC 8017 §7.1.2 step 3) of a raw EM with an empty label; null when it does not decode. */
export function decodeOaep(
  modulus: ForgeModulus,
  em: Buffer,
  oaepHash: Digest,
  mgf1Hash: Digest,
  { exhaustive = false } = {},
): Buffer | null {
  // Every OAEP encoded message starts with a zero byte: most garbage is turned away without
  // hashing, unless every input must cost the same (exhaustive, for --opaque-errors).
  if (em[0] !== 0 && !exhaustive) return null;
  try {
    const message = pkcs1.decode_rsa_oaep(modulus, em.toString('binary'), {
      md: forgeDigest(oaepHash),
      mgf1: { md: forgeDigest(mgf1Hash) },
    });
    return Buffer.from(message, 'binary');
  } catch {
    return null;
  }
}
