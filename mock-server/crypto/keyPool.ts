/**
 * A pool of ready RSA-4096 key pairs per key environment. RSA-4096 generation takes around a
 * second, so keys are generated ahead of time. Seeded keys are handed out first, each once.
 *
 * The refill is background work and must not tax the stores: it makes one key at a time (on a
 * low-priority thread, crypto/backgroundKeygen.ts), and starts none while `busy()` says stores
 * are queued. A take() that finds nothing ready generates at full priority on libuv's thread
 * pool (crypto.generateKeyPair never blocks the event loop).
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyEnvironment } from '../model.ts';

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

export interface KeyPoolOptions {
  /** On demand, when a take() finds nothing ready. */
  generate?: () => Promise<KeyObject>;
  /** The background refill's generator, one key at a time; `generate` by default. */
  refill?: () => Promise<KeyObject>;
  /** While true, the refill starts no new key; it looks again every `recheckMs`. */
  busy?: () => boolean;
  recheckMs?: number;
}

export class KeyPool {
  private readonly seeded: KeyObject[];
  private readonly ready: Record<KeyEnvironment, KeyObject[]> = { HOT: [], COLD: [] };
  private readonly refilling: Record<KeyEnvironment, number> = { HOT: 0, COLD: 0 };
  private generated = 0;
  private generationMs = 0;
  private stopped = false;
  private recheck: NodeJS.Timeout | undefined;
  private readonly generate: () => Promise<KeyObject>;
  private readonly generateInBackground: () => Promise<KeyObject>;
  private readonly busy: () => boolean;
  private readonly recheckMs: number;

  constructor(
    private readonly size: number,
    seeded: readonly KeyObject[] = [],
    options: KeyPoolOptions | (() => Promise<KeyObject>) = {},
  ) {
    const {
      generate = generateRsa4096,
      refill = generate,
      busy = () => false,
      recheckMs = 50,
    } = typeof options === 'function' ? { generate: options } : options;
    this.seeded = [...seeded];
    this.generate = this.timed(generate);
    this.generateInBackground = this.timed(refill);
    this.busy = busy;
    this.recheckMs = recheckMs;
  }

  private timed(generate: () => Promise<KeyObject>): () => Promise<KeyObject> {
    return async () => {
      const started = performance.now();
      try {
        return await generate();
      } finally {
        this.generationMs += performance.now() - started;
      }
    };
  }

  /** Starts the background refill. */
  start(): void {
    this.refill();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.recheck);
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
    if (this.stopped || this.recheck) return;
    if (this.refilling.HOT + this.refilling.COLD > 0) return;
    const have = (env: KeyEnvironment) => this.seeded.length + this.ready[env].length;
    // Fill the emptier environment first, so neither waits behind the other.
    const environment: KeyEnvironment = have('COLD') < have('HOT') ? 'COLD' : 'HOT';
    if (have(environment) >= this.size) return;
    if (this.busy()) {
      this.recheck = setTimeout(() => {
        this.recheck = undefined;
        this.refill();
      }, this.recheckMs);
      this.recheck.unref();
      return;
    }
    this.refilling[environment] += 1;
    this.generateInBackground().then(
      (key) => {
        this.refilling[environment] -= 1;
        this.generated += 1;
        if (!this.stopped) this.ready[environment].push(key);
        this.refill();
      },
      () => {
        // Generation only fails when OpenSSL is out of resources or the thread was stopped; the
        // next take() generates on demand.
        this.refilling[environment] -= 1;
      },
    );
  }
}
