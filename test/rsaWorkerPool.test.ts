import assert from 'node:assert/strict';
import { constants, createHash, createPrivateKey, publicEncrypt, randomBytes } from 'node:crypto';
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('RsaWorkerPool', () => {
  for (const pool of pools) {
    it(`passes OAEP SHA-256 with its checksum or none, and hands back the raw result of anything else (${pool.size} workers)`, async () => {
      const results = await Promise.all([
        pool.decrypt(key, encrypt('first'), sha256('first')),
        pool.decrypt(key, encrypt('second'), null),
        pool.decrypt(key, encrypt('sha-1', 'sha1'), sha256('sha-1')),
      ]);
      assert.deepEqual(results[0], { ok: true });
      assert.deepEqual(results[1], { ok: true });
      assert.equal(results[2]?.ok, false);
      assert.ok(results[2] && !results[2].ok);
      assert.equal(results[2].plaintext, null);
      assert.equal(results[2].em?.length, 512);
    });
    it(`hands back the plaintext and the raw result when the checksum differs (${pool.size} workers)`, async () => {
      const result = await pool.decrypt(key, encrypt('mismatch'), sha256('something else'));
      assert.ok(!result.ok);
      assert.equal(result.plaintext?.toString(), 'mismatch');
      assert.equal(result.em?.length, 512);
      assert.equal(result.em?.[0], 0);
    });
    it(`answers null for a ciphertext above the modulus (${pool.size} workers)`, async () => {
      const result = await pool.decrypt(
        key,
        Buffer.concat([Buffer.from([0xff]), randomBytes(511)]),
        null,
      );
      assert.deepEqual(result, { ok: false, em: null, plaintext: null });
    });
  }

  // A small Buffer is a slice of an 8 KiB slab: a stored ciphertext would keep the slab alive, and
  // a message between threads copies it whole.
  it("the ciphertext a store keeps, and the worker's answer, are alone in their memory", async () => {
    const ciphertext = decodeCiphertext(encrypt('alone').toString('base64'), 512);
    assert.equal(ciphertext?.buffer.byteLength, 512);
    const result = await (pools[0] as RsaWorkerPool).decrypt(
      key,
      ciphertext as Buffer,
      sha256('not alone'),
    );
    assert.ok(!result.ok);
    assert.equal(result.plaintext?.toString(), 'alone');
    assert.equal(result.plaintext?.buffer.byteLength, 5);
    assert.equal(result.em?.buffer.byteLength, 512);
  });
});
