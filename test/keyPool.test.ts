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
});
