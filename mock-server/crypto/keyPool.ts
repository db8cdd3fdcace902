/**
 * A pool of ready RSA-4096 key pairs per key environment. RSA-4096 generation takes around a
 * second, so keys are generated ahead of time on libuv's thread pool (crypto.generateKeyPair is
 * asynchronous and never blocks the event loop). Seeded keys are handed out first, each once.
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import type { KeyEnvironment } from '../store/records.ts';

const generateRsa = promisify(generateKeyPair);

export async function generateRsa4096(): Promise<KeyObject> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: 4096, publicExponent: 0x10001 });
  return privateKey;
}

export interface PoolStats {
  seeded: number;
  ready: Record<KeyEnvironment, number>;
  generating: number;
  generated: number;
  /** Wall-clock milliseconds spent in key generations, summed (they may overlap). */
  generation_ms: number;
}

export class KeyPool {
  private readonly seeded: KeyObject[];
  private readonly ready: Record<KeyEnvironment, KeyObject[]> = { HOT: [], COLD: [] };
  private readonly refilling: Record<KeyEnvironment, number> = { HOT: 0, COLD: 0 };
  private generated = 0;
  private generationMs = 0;
  private stopped = false;
  private readonly maxParallel = Math.max(1, availableParallelism());

  constructor(
    private readonly size: number,
    seeded: readonly KeyObject[] = [],
    generate: () => Promise<KeyObject> = generateRsa4096,
  ) {
    this.seeded = [...seeded];
    this.generate = async () => {
      const started = performance.now();
      try {
        return await generate();
      } finally {
        this.generationMs += performance.now() - started;
      }
    };
  }

  private readonly generate: () => Promise<KeyObject>;

  /** Starts the background refill. */
  start(): void {
    this.refill();
  }

  stop(): void {
    this.stopped = true;
  }

  /** A fresh key pair for `environment`: seeded first, then a ready one, else generated now. */
  async take(environment: KeyEnvironment): Promise<KeyObject> {
    const key = this.seeded.shift() ?? this.ready[environment].shift();
    this.refill();
    if (key) return key;
    const fresh = await this.generate();
    this.generated += 1;
    return fresh;
  }

  stats(): PoolStats {
    return {
      seeded: this.seeded.length,
      ready: { HOT: this.ready.HOT.length, COLD: this.ready.COLD.length },
      generating: this.refilling.HOT + this.refilling.COLD,
      generated: this.generated,
      generation_ms: Math.round(this.generationMs),
    };
  }

  private refill(): void {
    if (this.stopped) return;
    const have = (env: KeyEnvironment) =>
      this.seeded.length + this.ready[env].length + this.refilling[env];
    while (this.refilling.HOT + this.refilling.COLD < this.maxParallel) {
      // Fill the emptier environment first, so neither waits behind the other.
      const environment: KeyEnvironment = have('COLD') < have('HOT') ? 'COLD' : 'HOT';
      if (have(environment) >= this.size) return;
      this.refilling[environment] += 1;
      this.generate().then(
        (key) => {
          this.refilling[environment] -= 1;
          this.generated += 1;
          if (!this.stopped) this.ready[environment].push(key);
          this.refill();
        },
        () => {
          // Generation only fails when OpenSSL is out of resources; the next take() generates on demand.
          this.refilling[environment] -= 1;
        },
      );
    }
  }
}
