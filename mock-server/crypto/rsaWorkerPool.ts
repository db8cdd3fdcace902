/**
 * RSA private-key work on a pool of worker threads, so the HTTP loop never stalls behind a
 * 4096-bit operation and stores use every core. With no workers (size 0) the same work runs
 * inline. Each request goes to the least busy worker.
 */
import type { KeyObject } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { checkedDecrypt, type DecryptResult } from './checkedDecrypt.ts';
import type { ForgeModulus } from './oaepDecoding.ts';
import type { DecryptAnswer, DecryptRequest } from './rsaWorker.ts';
import { startWorker } from './workerThread.ts';

export interface RsaKey {
  keyId: string;
  privateKey: KeyObject;
  modulus: ForgeModulus;
}

export type { DecryptResult } from './checkedDecrypt.ts';

interface Slot {
  worker: Worker;
  busy: number;
  keys: Set<string>;
}

export class RsaWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (r: DecryptResult) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private online = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i += 1) {
      const worker = startWorker('rsaWorker');
      worker.unref();
      worker.on('message', (answer: DecryptAnswer | { ready: true }) => {
        if ('ready' in answer) this.online += 1;
        else this.settle(answer);
      });
      const slot: Slot = { worker, busy: 0, keys: new Set() };
      worker.on('error', (error) => this.failAll(error));
      // A worker that is gone takes no more work; with none left, the work runs inline.
      worker.on('exit', () => {
        const at = this.slots.indexOf(slot);
        if (at >= 0) this.slots.splice(at, 1);
        this.failAll(new Error('an RSA worker thread exited'));
      });
      this.slots.push(slot);
    }
  }

  /** Decrypts waiting for an answer: the key pool's refill holds back while there are any. */
  get queued(): number {
    return this.pending.size;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Workers started, and how many of them are running (they boot in the background). */
  stats(): { size: number; online: number } {
    return { size: this.slots.length, online: Math.min(this.online, this.slots.length) };
  }

  /**
   * The store's one private-key operation and its check (checkedDecrypt.ts), on the least busy
   * worker (inline without workers). `checksum`: lowercase hex of the SHA-256 the plaintext must
   * have, or null when decoding is all that is asked.
   */
  decrypt(key: RsaKey, ciphertext: Buffer, checksum: string | null): Promise<DecryptResult> {
    const slot = this.slots.reduce<Slot | undefined>(
      (best, s) => (best === undefined || s.busy < best.busy ? s : best),
      undefined,
    );
    if (!slot)
      return Promise.resolve(checkedDecrypt(key.privateKey, key.modulus, ciphertext, checksum));
    const id = this.nextId++;
    const request: DecryptRequest = { id, keyId: key.keyId, ciphertext, checksum };
    if (!slot.keys.has(key.keyId)) {
      request.keyDer = key.privateKey.export({ type: 'pkcs8', format: 'der' });
      slot.keys.add(key.keyId);
    }
    slot.busy += 1;
    return new Promise<DecryptResult>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (r) => {
          slot.busy -= 1;
          resolve(r);
        },
        reject: (e) => {
          slot.busy -= 1;
          reject(e);
        },
      });
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const workers = this.slots.map((s) => s.worker);
    this.slots.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private settle(answer: DecryptAnswer): void {
    const waiter = this.pending.get(answer.id);
    if (!waiter) return;
    this.pending.delete(answer.id);
    if ('error' in answer) waiter.reject(new Error(answer.error));
    else if (answer.ok) waiter.resolve({ ok: true });
    else
      waiter.resolve({
        ok: false,
        em: answer.em && asBuffer(answer.em),
        plaintext: answer.plaintext && asBuffer(answer.plaintext),
      });
  }

  private failAll(error: Error): void {
    for (const [id, waiter] of this.pending) {
      this.pending.delete(id);
      waiter.reject(error);
    }
  }
}

/** A Buffer over the transferred bytes, without copying them. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
