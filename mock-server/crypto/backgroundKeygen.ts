/**
 * RSA-4096 generation for the key pool's background refill: one dedicated worker thread at the
 * lowest priority (crypto/keygenWorker.ts), so one key at a time and never at the stores' expense.
 * The thread starts on the first request and does not keep the process alive.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { KeygenAnswer, KeygenRequest } from './keygenWorker.ts';
import { startWorker } from './workerThread.ts';

export class BackgroundKeygen {
  private worker: Worker | undefined;
  private readonly pending = new Map<
    number,
    { resolve: (key: KeyObject) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;

  generate(): Promise<KeyObject> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<KeyObject>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id } satisfies KeygenRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the key generator was closed'));
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = startWorker('keygenWorker');
    worker.unref();
    worker.on('message', (answer: KeygenAnswer) => {
      const waiter = this.pending.get(answer.id);
      if (!waiter) return;
      this.pending.delete(answer.id);
      if (answer.der)
        waiter.resolve(
          createPrivateKey({ key: Buffer.from(answer.der), format: 'der', type: 'pkcs8' }),
        );
      else waiter.reject(new Error(answer.error ?? 'key generation failed'));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('the key generator thread exited'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const [id, waiter] of this.pending) {
      this.pending.delete(id);
      waiter.reject(error);
    }
  }
}
