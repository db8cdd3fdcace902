/**
 * The public-key diagnosis with thousands of issued keys: a public_key that names no key is
 * diagnosed from an index (its decoded encodings looked up, and the keys that start or end like
 * it), never by walking every key on the HTTP loop, and it names exactly what the full walk names.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { request } from 'undici';
import { createApp } from '../mock-server/app.ts';
import { buildConfig } from '../mock-server/config.ts';
import {
  diagnosePublicKey,
  publicKeyCandidates,
} from '../mock-server/diagnostics/diagnosePublicKey.ts';
import { keyForms } from '../mock-server/diagnostics/keyForms.ts';
import { MemoryStore } from '../mock-server/store/memoryStore.ts';
import type { KeyRecord } from '../mock-server/store/records.ts';
import { readSeedFile } from '../mock-server/store/seedFile.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { keyRecord } from './support/keyRecords.ts';

const pool = readSeedFile(TEST_SEEDS[0] as string).pool.slice(0, 8);

/** A store that counts walks over every key. */
class CountingStore extends MemoryStore {
  walks = 0;
  override keys() {
    this.walks += 1;
    return super.keys();
  }
}

function manyKeys(store: MemoryStore, signers: number): KeyRecord[] {
  const rsa = pool.map((key) => keyRecord(key, 'rsa4096'));
  for (const key of rsa) store.insertKey(key);
  for (let i = 0; i < signers; i += 1) {
    store.insertKey(
      i % 2
        ? keyRecord(generateKeyPairSync('ed25519').privateKey, 'ed25519')
        : keyRecord(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey, 'secp256k1'),
    );
  }
  return rsa;
}

describe('the public-key index', () => {
  const store = new MemoryStore();
  const rsa = manyKeys(store, 3000);
  const all = store.keys();

  const mangled = fc.oneof(
    // One byte or nibble dropped, added or changed anywhere, in any key.
    fc
      .record({
        key: fc.constantFrom(...rsa, ...all.slice(-20)),
        at: fc.nat(),
        edit: fc.constantFrom('drop1', 'drop2', 'add1', 'add2', 'change1', 'change2'),
      })
      .map(({ key, at, edit }) => {
        const hex = key.publicKeyHex;
        const p = at % (hex.length - 2);
        const other = (c: string) => (c === 'f' ? 'e' : 'f');
        switch (edit) {
          case 'drop1':
            return hex.slice(0, p) + hex.slice(p + 1);
          case 'drop2':
            return hex.slice(0, p) + hex.slice(p + 2);
          case 'add1':
            return `${hex.slice(0, p)}7${hex.slice(p)}`;
          case 'add2':
            return `${hex.slice(0, p)}7a${hex.slice(p)}`;
          case 'change1':
            return hex.slice(0, p) + other(hex[p] as string) + hex.slice(p + 1);
          default:
            return (
              hex.slice(0, p) +
              other(hex[p] as string) +
              other(hex[p + 1] as string) +
              hex.slice(p + 2)
            );
        }
      }),
    // Another encoding of an RSA key.
    fc
      .record({
        key: fc.constantFrom(...rsa),
        form: fc.constantFrom('pkcs1', 'base64', 'pem', 'base64hex', '0x', 'space', 'upper'),
      })
      .map(({ key, form }) => {
        const forms = keyForms(key);
        const b64 = Buffer.from(key.publicKeyHex, 'hex').toString('base64');
        return {
          pkcs1: forms.pkcs1Hex,
          base64: b64,
          pem: forms.pemHex,
          base64hex: Buffer.from(b64).toString('hex'),
          '0x': `0x${key.publicKeyHex}`,
          space: ` ${key.publicKeyHex}\n`,
          upper: key.publicKeyHex.toUpperCase(),
        }[form];
      }),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 1200 }),
    fc.string({ maxLength: 200 }),
  );

  it('names what the walk over every key names, from at most a few candidates', () => {
    fc.assert(
      fc.property(mangled, (raw) => {
        const candidates = publicKeyCandidates(raw, store);
        assert.ok(candidates.length <= 4, `${candidates.length} candidates`);
        assert.deepEqual(diagnosePublicKey(raw, candidates), diagnosePublicKey(raw, all));
      }),
      { numRuns: 400 },
    );
  });

  it('answers stores under unknown, malformed and off-by-one public keys without walking the keys', async () => {
    const counting = new CountingStore();
    const [first] = manyKeys(counting, 200);
    const mock = createApp(buildConfig({ port: 0, poolSize: 0, quiet: true, cryptoWorkers: 0 }), {
      store: counting,
    });
    const server = mock.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const hex = (first as KeyRecord).publicKeyHex;
      const cases = [
        { publicKey: 'ab'.repeat(550), status: 404, fault: 'unknown_public_key' },
        { publicKey: hex.slice(0, -2), status: 404, fault: 'public_key_off_by_one' },
        {
          publicKey: Buffer.from(hex, 'hex').toString('base64'),
          status: 400,
          fault: 'public_key_format',
        },
        {
          publicKey: `${hex.slice(0, 100)}zz${hex.slice(102)}`,
          status: 400,
          fault: 'request_invalid',
        },
      ];
      for (const c of cases) {
        const answer = await request(
          `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/partner/secure/data`,
          {
            method: 'POST',
            headers: {
              authorization: 'Bearer test-partner-key',
              'content-type': 'application/json',
            },
            body: JSON.stringify({
              public_key: c.publicKey,
              checksum: 'ab'.repeat(32),
              data: Buffer.alloc(512, 1).toString('base64'),
            }),
          },
        );
        await answer.body.dump();
        assert.equal(answer.statusCode, c.status, c.fault);
        assert.ok(
          String(answer.headers['x-mock-faults']).includes(c.fault),
          `${c.fault}: ${answer.headers['x-mock-faults']}`,
        );
      }
      assert.equal(counting.walks, 0, 'walks over every key');
    } finally {
      server.closeAllConnections();
      server.close();
      mock.close();
    }
  });
});
