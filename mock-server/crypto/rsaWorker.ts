/**
 * One RSA worker thread: private-key operations off the HTTP event loop. Keys arrive once per
 * worker (PKCS#8 DER) and stay cached by key id. `decrypt` is the store's single private-key
 * operation: the raw result (for diagnosis) and, when it decodes, the OAEP SHA-256 plaintext.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { decodeOaep, forgeModulus, type ForgeModulus } from './oaepDecoding.ts';
import { rawRsaDecrypt } from './rsaKeys.ts';

export interface DecryptRequest {
  id: number;
  keyId: string;
  /** PKCS#8 DER, sent the first time this worker sees the key. */
  keyDer?: Uint8Array;
  ciphertext: Uint8Array;
}

export interface DecryptAnswer {
  id: number;
  em: Uint8Array | null;
  plaintext: Uint8Array | null;
  error?: string;
}

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
    const em = rawRsaDecrypt(key.privateKey, Buffer.from(buffer, byteOffset, byteLength));
    const decoded = em && decodeOaep(key.modulus, em, 'sha256', 'sha256');
    // Moved, not copied, to the main thread: each in memory of its own (a small Buffer is a
    // slice of a shared slab, which a message would copy whole and cannot move).
    const plaintext = decoded && ownMemory(decoded);
    const answer = { id: request.id, em: em && ownMemory(em), plaintext } satisfies DecryptAnswer;
    parentPort?.postMessage(
      answer,
      [answer.em, answer.plaintext].flatMap((b) => (b ? [b.buffer as ArrayBuffer] : [])),
    );
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      em: null,
      plaintext: null,
      error: (error as Error).message,
    } satisfies DecryptAnswer);
  }
});

/** Loaded and listening: the pool counts this worker as online. */
parentPort?.postMessage({ ready: true });
