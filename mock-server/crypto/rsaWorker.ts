/**
 * One RSA worker thread: private-key operations off the HTTP event loop. Keys arrive once per
 * worker (PKCS#8 DER) and stay cached by key id. Each request is the store's single private-key
 * operation and its check (checkedDecrypt.ts): a ciphertext that passes is answered `ok` and
 * nothing else; the raw result and the plaintext come back only for one that fails.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { checkedDecrypt, type DecryptResult } from './checkedDecrypt.ts';
import { forgeModulus, type ForgeModulus } from './oaepDecoding.ts';

export interface DecryptRequest {
  id: number;
  keyId: string;
  /** PKCS#8 DER, sent the first time this worker sees the key. */
  keyDer?: Uint8Array;
  ciphertext: Uint8Array;
  /** Lowercase hex of the SHA-256 the plaintext must have, or null for none. */
  checksum: string | null;
}

export type DecryptAnswer = { id: number } & (
  | { ok: true }
  | { ok: false; em: Uint8Array | null; plaintext: Uint8Array | null }
  | { error: string }
);

const keys = new Map<string, { privateKey: KeyObject; modulus: ForgeModulus }>();

function load(request: DecryptRequest) {
  let key = keys.get(request.keyId);
  if (!key && request.keyDer) {
    const privateKey = createPrivateKey({
      key: Buffer.from(request.keyDer),
      format: 'der',
      type: 'pkcs8',
    });
    const n = String(createPublicKey(privateKey).export({ format: 'jwk' }).n);
    key = { privateKey, modulus: forgeModulus(Buffer.from(n, 'base64url').toString('hex')) };
    keys.set(request.keyId, key);
  }
  return key;
}

/** `bytes`, alone in their ArrayBuffer (itself when they already are; else a copy, the slab's bytes wiped). */
function ownMemory(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  bytes.fill(0);
  return own;
}

parentPort?.on('message', (request: DecryptRequest) => {
  try {
    const key = load(request);
    if (!key) throw new Error(`key ${request.keyId} was never sent to this worker`);
    const { buffer, byteOffset, byteLength } = request.ciphertext;
    const ciphertext = Buffer.from(buffer, byteOffset, byteLength);
    const result: DecryptResult = checkedDecrypt(
      key.privateKey,
      key.modulus,
      ciphertext,
      request.checksum,
    );
    if (result.ok) {
      parentPort?.postMessage({ id: request.id, ok: true } satisfies DecryptAnswer);
      return;
    }
    // Moved, not copied, to the main thread: each in memory of its own (a small Buffer is a
    // slice of a shared slab, which a message would copy whole and cannot move).
    const em = result.em && ownMemory(result.em);
    const plaintext = result.plaintext && ownMemory(result.plaintext);
    parentPort?.postMessage(
      { id: request.id, ok: false, em, plaintext } satisfies DecryptAnswer,
      [em, plaintext].flatMap((b) => (b ? [b.buffer as ArrayBuffer] : [])),
    );
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      error: (error as Error).message,
    } satisfies DecryptAnswer);
  }
});

/** Loaded and listening: the pool counts this worker as online. */
parentPort?.postMessage({ ready: true });
