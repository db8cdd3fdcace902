import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { privateKeyNeedles, scan } from '../scripts/secretScan.ts';
import type { KeyRecord } from '../mock-server/store/records.ts';

const record = (type: 'rsa' | 'ed25519'): KeyRecord =>
  ({
    keyId: `k-${type}`,
    privateKey:
      type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey
        : generateKeyPairSync('ed25519').privateKey,
  }) as KeyRecord;

describe('secret scan', () => {
  it('finds the private part of a key in hex, base64 and decimal, and a PEM header', () => {
    for (const key of [record('rsa'), record('ed25519')]) {
      const d = Buffer.from(String(key.privateKey.export({ format: 'jwk' }).d), 'base64url');
      const needles = privateKeyNeedles([key]);
      for (const leaked of [
        d.toString('hex'),
        d.toString('base64'),
        BigInt(`0x${d.toString('hex')}`).toString(10),
        key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ]) {
        assert.ok(
          scan([{ where: 'a log', text: `x ${leaked} y` }], needles).length > 0,
          `missed ${leaked.slice(0, 20)}`,
        );
      }
      assert.deepEqual(
        scan(
          [{ where: 'a log', text: key.privateKey.export({ format: 'jwk' }).x ?? 'public only' }],
          needles,
        ),
        [],
      );
    }
  });
});
