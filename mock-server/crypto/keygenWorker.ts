/**
 * The background key generator's thread: one RSA-4096 key pair at a time, at the lowest CPU
 * priority the system gives a thread, so a pool refill yields the cores to the stores.
 */
import { execFileSync } from 'node:child_process';
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
 * not the server's. Then, where util-linux's chrt is installed, the thread's policy becomes
 * SCHED_IDLE (any user may take it for their own thread): it runs only on a core nothing else
 * wants, where nice 19 still takes a small share of busy cores. Elsewhere the refill keeps its
 * normal priority (one key at a time still holds).
 */
function lowerThisThreadsPriority(): void {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return;
    setPriority(tid, constants.priority.PRIORITY_LOW);
  } catch {
    return; // not Linux, or not permitted
  }
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // no chrt here: nice 19 it is
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
