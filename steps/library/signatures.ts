/** The enclave signature of an assignment, its signed payload (sign_with), and the JWKS. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fieldList } from '../support/assign.ts';
import { defineStep } from '../support/defineStep.ts';
import {
  fetchJwks,
  verifiesWithNodeCrypto,
  verifiesWithOpenSsl,
  type SignatureCheck,
} from '../support/jwks.ts';
import { DEFAULT_API_KEY, type CoinCoverWorld } from '../support/world.ts';

/** The signature of "the key" verifies, with `check`, under some key of the published JWKS. */
export async function assertSignatureVerifies(
  world: CoinCoverWorld,
  check: SignatureCheck,
): Promise<void> {
  world.checked();
  const key = world.key();
  const { keys } = await fetchJwks(world.baseUrl);
  const signedText = key.signedPayload ?? key.publicKey;
  assert.ok(
    keys.some((jwk) => check(jwk, signedText, key.signature)),
    'no JWKS key verifies the signature',
  );
}

defineStep(
  {
    domain: 'signatures',
    keyword: 'Then',
    text: 'the signature verifies against the published JWKS',
    example: 'Then the signature verifies against the published JWKS',
    description:
      "The last key's signature (over signed_payload when there is one, else over the public key hex) verifies as ES256 under a key of /.well-known/jwks.json, with node:crypto.",
  },
  async function () {
    await assertSignatureVerifies(this, verifiesWithNodeCrypto);
  },
);

defineStep(
  {
    domain: 'signatures',
    keyword: 'Then',
    text: 'the signature verifies with the OpenSSL command line',
    example: 'Then the signature verifies with the OpenSSL command line',
    description: 'The same check with `openssl dgst -sha256 -verify` (needs openssl on the PATH).',
  },
  async function () {
    await assertSignatureVerifies(this, verifiesWithOpenSsl);
  },
);

defineStep(
  {
    domain: 'signatures',
    keyword: 'Then',
    text: 'the signed payload is the canonical JSON of the public key and {string}',
    parameters: { string: 'the bound fields, comma-separated' },
    example:
      'Then the signed payload is the canonical JSON of the public key and "key_id, user_id"',
    description:
      "signed_payload is RFC 8785 JSON of public_key and exactly these fields, each with the scenario's value (ids, the SHA-256 key fingerprint…), and signed_fields lists them.",
  },
  function (fields: string) {
    this.checked();
    const key = this.key();
    assert.ok(key.signedPayload, 'no signed_payload');
    const payload = JSON.parse(key.signedPayload) as Record<string, string>;
    const names = ['public_key', ...fieldList(fields)].sort();
    // RFC 8785: keys sorted, no whitespace, every value a string here.
    assert.equal(
      key.signedPayload,
      `{${names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(payload[n])}`).join(',')}}`,
    );
    assert.equal(payload.public_key, key.publicKey);
    const c = this.customer;
    const expected: Record<string, string | RegExp> = {
      external_customer_id: c.customerId,
      external_package_id: c.packageId,
      key_id: key.keyId,
      key_fingerprint: createHash('sha256').update(Buffer.from(key.publicKey, 'hex')).digest('hex'),
      pulled_by_type: /^(api_key|user_credentials)$/,
      pulled_by_id: /^.+$/,
      user_id: /^[0-9a-f-]{36}$/,
    };
    for (const name of fieldList(fields)) {
      const want = expected[name];
      if (want instanceof RegExp) assert.match(String(payload[name]), want, name);
      else assert.equal(payload[name], want, name);
    }
    assert.deepEqual(key.signedFields, fieldList(fields));
  },
);

defineStep(
  {
    domain: 'signatures',
    keyword: 'Then',
    text: 'the signed payload binds {string} to {string}',
    parameters: { string: 'the field, then its expected value' },
    example: 'Then the signed payload binds "external_customer_id" to ""',
    description: 'signed_payload holds that value for the field, and signed_fields lists it.',
  },
  function (field: string, value: string) {
    this.checked();
    const key = this.key();
    assert.ok(key.signedPayload, 'the answer has no signed_payload');
    const payload = JSON.parse(key.signedPayload) as Record<string, unknown>;
    assert.equal(payload[field], value, key.signedPayload);
    assert.ok(
      key.signedFields?.includes(field),
      `signed_fields ${JSON.stringify(key.signedFields)} does not list ${field}`,
    );
  },
);

defineStep(
  {
    domain: 'signatures',
    keyword: 'Then',
    text: 'no signed value reveals the API key',
    example: 'Then no signed value reveals the API key',
    description: 'The answer does not contain the API key requests authenticate with.',
  },
  function () {
    const response = this.checked();
    assert.ok(!response.text.includes(this.token ?? DEFAULT_API_KEY));
    assert.ok(!response.text.includes(DEFAULT_API_KEY));
  },
);

defineStep(
  {
    domain: 'signatures',
    keyword: 'Then',
    text: 'the JWKS publishes the enclave key as documented',
    example: 'Then the JWKS publishes the enclave key as documented',
    description:
      '/.well-known/jwks.json: cached for 600 s (must-revalidate), one P-256 ES256 signing key "enclave-signing-key-v1" for assignment-sig, valid from a past date.',
  },
  async function () {
    const { keys, cacheControl } = await fetchJwks(this.baseUrl);
    assert.equal(cacheControl, 'max-age=600, must-revalidate');
    assert.equal(keys.length, 1);
    const [jwk] = keys;
    assert.ok(jwk);
    assert.deepEqual(
      { kty: jwk.kty, crv: jwk.crv, alg: jwk.alg, use: jwk.use, kid: jwk.kid },
      { kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: 'enclave-signing-key-v1' },
    );
    assert.ok(jwk['coincover:purposes'].includes('assignment-sig'));
    assert.ok(Date.parse(jwk['coincover:validFrom']) < Date.now());
    assert.equal(Buffer.from(jwk.x, 'base64url').length, 32);
    assert.equal(Buffer.from(jwk.y, 'base64url').length, 32);
  },
);
