/**
 * The secret scan run after the whole feature suite: no private key (PEM, or the private exponent
 * or scalar of any issued key in hex, base64 or decimal), no plaintext a scenario backed up and
 * no token it minted may appear in any response, log line, journal entry or report.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyRecord } from '../mock-server/store/records.ts';

export interface Haystack {
  where: string;
  text: string;
}

export interface Needle {
  what: string;
  text: string;
}

/** Every encoding of every issued key's private part worth looking for. */
export function privateKeyNeedles(keys: readonly KeyRecord[]): Needle[] {
  const needles: Needle[] = [{ what: 'a PEM private key header', text: 'PRIVATE KEY-----' }];
  for (const key of keys) {
    const d = key.privateKey.export({ format: 'jwk' }).d;
    if (typeof d !== 'string') continue;
    const bytes = Buffer.from(d, 'base64url');
    const what = `the private part of key ${key.keyId}`;
    needles.push(
      { what: `${what} (hex)`, text: bytes.toString('hex') },
      { what: `${what} (base64)`, text: bytes.toString('base64').replace(/=+$/, '') },
      { what: `${what} (base64url)`, text: d },
      { what: `${what} (decimal)`, text: BigInt(`0x${bytes.toString('hex')}`).toString(10) },
    );
  }
  // Short encodings would match by chance; the shortest real ones (ed25519) are 43+ characters.
  return needles.filter((n) => n.text.length >= 16);
}

/** The report files, read as text. */
export function reportHaystacks(dir: string): Haystack[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => join(dir, file))
    .filter(
      (path) => statSync(path).isFile() && !path.includes('coverage') && !path.includes('.c8-tmp'),
    )
    .map((path) => ({ where: path, text: readFileSync(path, 'utf8') }));
}

export function scan(haystacks: readonly Haystack[], needles: readonly Needle[]): string[] {
  const hits: string[] = [];
  for (const needle of needles) {
    for (const haystack of haystacks) {
      if (haystack.text.includes(needle.text))
        hits.push(`${needle.what} found in ${haystack.where}`);
    }
  }
  return hits;
}
