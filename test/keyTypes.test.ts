import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { keyPairMatches, keyTypeOf, publicKeyHexOf } from '../mock-server/crypto/keyTypes.ts';
import { keyFingerprint } from '../mock-server/crypto/rsaKeys.ts';

const b64url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

// secp256k1 with private key 1: its public key is the generator G (SEC 2 §2.4.1).
const G_X = '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';
const G_Y = '483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8';
const one = createPrivateKey({
  key: {
    kty: 'EC',
    crv: 'secp256k1',
    d: b64url('00'.repeat(31) + '01'),
    x: b64url(G_X),
    y: b64url(G_Y),
  },
  format: 'jwk',
});

// RFC 8032 §7.1, test 1.
const RFC8032_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const rfc8032 = createPrivateKey({
  key: { kty: 'OKP', crv: 'Ed25519', d: b64url(RFC8032_SECRET), x: b64url(RFC8032_PUBLIC) },
  format: 'jwk',
});

describe('key types', () => {
  it('returns a secp256k1 key as its 33-byte compressed point (G is even: prefix 02)', () => {
    assert.equal(publicKeyHexOf(one, 'secp256k1'), `02${G_X}`);
    assert.equal(keyTypeOf(one), 'secp256k1');
  });
  it('returns an ed25519 key as its 32 bytes (RFC 8032 test 1)', () => {
    assert.equal(publicKeyHexOf(rfc8032, 'ed25519'), RFC8032_PUBLIC);
    assert.equal(keyTypeOf(rfc8032), 'ed25519');
  });
  it('key_fingerprint is SHA-256 of the hex-decoded public key, lower-case hex', () => {
    // SHA-256 of the 33 bytes 02||G.x, computed independently with `xxd -r -p | sha256sum`.
    assert.equal(
      keyFingerprint(`02${G_X}`),
      '0f715baf5d4c2ed329785cef29e562f73488c8a2bb9dbc5700b361d54b9b0554',
    );
  });
  it('knows no other key type', () => {
    assert.equal(keyTypeOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey), null);
    assert.equal(keyTypeOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), null);
    assert.equal(keyTypeOf(generateKeyPairSync('ed448').privateKey), null);
  });
  it('checks a pair: the issued public key and a round trip through both halves', () => {
    assert.equal(keyPairMatches(one, 'secp256k1', `02${G_X}`), true);
    assert.equal(keyPairMatches(rfc8032, 'ed25519', RFC8032_PUBLIC), true);
    assert.equal(keyPairMatches(one, 'secp256k1', `03${G_X}`), false);
    assert.equal(keyPairMatches(rfc8032, 'ed25519', '00'.repeat(32)), false);
    assert.equal(keyPairMatches(rfc8032, 'secp256k1', RFC8032_PUBLIC), false);
  });
});
