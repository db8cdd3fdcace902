/**
 * The background key generator's thread: one RSA-4096 key pair at a time, at the lowest CPU
 * priority the system gives a thread, so a pool refill yields the cores to the stores.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

export interface KeygenRequest {
  id: number;
}

export interface KeygenAnswer {
  id: number;
  /** PKCS#8 DER of the new private key. */
  der?: Uint8Array;
  error?: string;
}

/**
 * On Linux a nice value belongs to a thread, and /proc/thread-self names this one: lower it alone,
 * not the server's. Elsewhere the refill keeps its normal priority (one key at a time still holds).
 */
function lowerThisThreadsPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_LOW);
  } catch {
    // not Linux, or not permitted
  }
}

lowerThisThreadsPriority();

parentPort?.on('message', (request: KeygenRequest) => {
  try {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 4096,
      publicExponent: 0x10001,
      privateKeyEncoding: { type: 'pkcs8', format: 'der' },
      publicKeyEncoding: { type: 'spki', format: 'der' },
    });
    const der = new Uint8Array(privateKey);
    parentPort?.postMessage({ id: request.id, der } satisfies KeygenAnswer, [der.buffer]);
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      error: (error as Error).message,
    } satisfies KeygenAnswer);
  }
});
