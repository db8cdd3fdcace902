/**
 * An index of issued public keys by their first and last characters, so that "which issued key
 * is this text one byte or nibble away from" is a lookup, not a walk over every key. A single
 * edit at hex offset p leaves the first W characters equal (p >= W) or the last W (p < W, since W
 * is at most half the key); one of the two buckets holds the key.
 */
import type { KeyRecord } from '../model.ts';

/** The window for a public key of this many hex characters: 96 for RSA-4096 SPKI (past its 66-character header), 30 or 31 for signer keys. */
const windowFor = (length: number) => Math.max(1, Math.min(96, Math.floor((length - 4) / 2)));

export class PublicKeyEnds {
  private readonly buckets = new Map<string, KeyRecord[]>();
  private readonly windows = new Set<number>();

  add(key: KeyRecord): void {
    const w = windowFor(key.publicKeyHex.length);
    this.windows.add(w);
    for (const slot of [
      `${w}<${key.publicKeyHex.slice(0, w)}`,
      `${w}>${key.publicKeyHex.slice(-w)}`,
    ]) {
      const bucket = this.buckets.get(slot);
      if (bucket) bucket.push(key);
      else this.buckets.set(slot, [key]);
    }
  }

  /** Keys whose public key hex starts or ends like `hex` (lower case), each once. */
  near(hex: string): KeyRecord[] {
    const found = new Set<KeyRecord>();
    for (const w of this.windows) {
      if (hex.length < w) continue;
      for (const key of this.buckets.get(`${w}<${hex.slice(0, w)}`) ?? []) found.add(key);
      for (const key of this.buckets.get(`${w}>${hex.slice(-w)}`) ?? []) found.add(key);
    }
    return [...found];
  }

  clear(): void {
    this.buckets.clear();
    this.windows.clear();
  }
}
