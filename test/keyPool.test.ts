import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { KeyPool } from '../mock-server/crypto/keyPool.ts';

// Small keys: the pool's bookkeeping does not depend on the key size.
const smallKey = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('KeyPool', () => {
  it('hands out each seeded key once, before any generated key', async () => {
    const seeded = [smallKey(), smallKey()];
    let generated = 0;
    const pool = new KeyPool(0, seeded, async () => {
      generated += 1;
      return smallKey();
    });
    const taken = [await pool.take('HOT'), await pool.take('COLD'), await pool.take('HOT')];
    assert.equal(taken[0], seeded[0]);
    assert.equal(taken[1], seeded[1]);
    assert.notEqual(taken[2], seeded[0]);
    assert.notEqual(taken[2], seeded[1]);
    assert.equal(generated, 1);
  });

  it('refills both environments in the background up to its size', async () => {
    const pool = new KeyPool(2, [], async () => smallKey());
    pool.start();
    for (let i = 0; i < 50 && (pool.stats().ready.HOT < 2 || pool.stats().ready.COLD < 2); i += 1)
      await settle();
    assert.deepEqual(pool.stats().ready, { HOT: 2, COLD: 2 });
    await pool.take('COLD');
    for (let i = 0; i < 50 && pool.stats().ready.COLD < 2; i += 1) await settle();
    assert.deepEqual(pool.stats().ready, { HOT: 2, COLD: 2 });
    pool.stop();
  });

  it('generates on demand when nothing is ready', async () => {
    let calls = 0;
    const pool = new KeyPool(0, [], async () => {
      calls += 1;
      return smallKey();
    });
    await pool.take('HOT');
    assert.equal(calls, 1);
    assert.equal(pool.stats().generated, 1);
  });

  it('refills one key at a time', async () => {
    let running = 0;
    let most = 0;
    const pool = new KeyPool(3, [], {
      refill: async () => {
        running += 1;
        most = Math.max(most, running);
        await settle();
        running -= 1;
        return smallKey();
      },
    });
    pool.start();
    for (let i = 0; i < 100 && (pool.stats().ready.HOT < 3 || pool.stats().ready.COLD < 3); i += 1)
      await settle();
    assert.deepEqual(pool.stats().ready, { HOT: 3, COLD: 3 });
    assert.equal(most, 1);
    pool.stop();
  });

  it('starts no refill while the stores are busy, and resumes when they are not', async () => {
    let busy = true;
    let refills = 0;
    const pool = new KeyPool(1, [], {
      refill: async () => {
        refills += 1;
        return smallKey();
      },
      busy: () => busy,
      recheckMs: 5,
    });
    pool.start();
    await settle();
    assert.equal(refills, 0);
    busy = false;
    for (let i = 0; i < 50 && pool.stats().ready.COLD < 1; i += 1) await settle();
    assert.deepEqual(pool.stats().ready, { HOT: 1, COLD: 1 });
    pool.stop();
  });

  it('generates on demand at once, even while the refill holds back', async () => {
    let onDemand = 0;
    const pool = new KeyPool(1, [], {
      generate: async () => {
        onDemand += 1;
        return smallKey();
      },
      refill: async () => assert.fail('no refill while busy'),
      busy: () => true,
      recheckMs: 5,
    });
    await pool.take('HOT');
    assert.equal(onDemand, 1);
    pool.stop();
  });
});
