import assert from 'node:assert/strict';
import { constants, createPrivateKey, publicEncrypt, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { RsaWorkerPool, type RsaKey } from '../mock-server/crypto/rsaWorkerPool.ts';
import { forgeModulus } from '../mock-server/crypto/oaepDecoding.ts';
import { decodeCiphertext } from '../mock-server/crypto/decodeCiphertext.ts';

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/vectors/independent-clients.json', import.meta.url), 'utf8'),
) as { key: { pkcs8_pem: string } };
const privateKey = createPrivateKey(vectors.key.pkcs8_pem);
const n = Buffer.from(String(privateKey.export({ format: 'jwk' }).n), 'base64url').toString('hex');
const key: RsaKey = { keyId: 'vector', privateKey, modulus: forgeModulus(n) };
const encrypt = (plaintext: string, oaepHash = 'sha256') =>
  publicEncrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
    Buffer.from(plaintext),
  );

const pools = [new RsaWorkerPool(2), new RsaWorkerPool(0)];
after(() => Promise.all(pools.map((p) => p.close())));

describe('RsaWorkerPool', () => {
  for (const pool of pools) {
    it(`decrypts OAEP SHA-256 and hands back the raw result of anything else (${pool.size} workers)`, async () => {
      const results = await Promise.all([
        pool.decrypt(key, encrypt('first')),
        pool.decrypt(key, encrypt('second')),
        pool.decrypt(key, encrypt('sha-1', 'sha1')),
      ]);
      assert.equal(results[0]?.plaintext?.toString(), 'first');
      assert.equal(results[1]?.plaintext?.toString(), 'second');
      assert.equal(results[2]?.plaintext, null);
      assert.equal(results[2]?.em?.length, 512);
    });
    it(`answers null for a ciphertext above the modulus (${pool.size} workers)`, async () => {
      const result = await pool.decrypt(
        key,
        Buffer.concat([Buffer.from([0xff]), randomBytes(511)]),
      );
      assert.deepEqual(result, { em: null, plaintext: null });
    });
  }

  // A small Buffer is a slice of an 8 KiB slab: a stored ciphertext would keep the slab alive, and
  // a message between threads copies it whole.
  it("the ciphertext a store keeps, and the worker's answer, are alone in their memory", async () => {
    const ciphertext = decodeCiphertext(encrypt('alone').toString('base64'), 512);
    assert.equal(ciphertext?.buffer.byteLength, 512);
    const result = await (pools[0] as RsaWorkerPool).decrypt(key, ciphertext as Buffer);
    assert.equal(result.plaintext?.toString(), 'alone');
    assert.equal(result.plaintext?.buffer.byteLength, 5);
    assert.equal(result.em?.buffer.byteLength, 512);
  });
});
