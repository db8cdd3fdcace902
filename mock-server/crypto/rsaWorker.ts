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

parentPort?.on('message', (request: DecryptRequest) => {
  try {
    const key = load(request);
    if (!key) throw new Error(`key ${request.keyId} was never sent to this worker`);
    const em = rawRsaDecrypt(key.privateKey, Buffer.from(request.ciphertext));
    const plaintext = em && decodeOaep(key.modulus, em, 'sha256', 'sha256');
    parentPort?.postMessage({ id: request.id, em, plaintext } satisfies DecryptAnswer);
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
