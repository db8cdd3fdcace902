/** Assigning keys on the partner endpoint (POST /v1/partner/keys), and what an assignment returned. */
import assert from 'node:assert/strict';
import { createPublicKey, ECDH } from 'node:crypto';
import {
  assignPartnerKey,
  fieldList,
  KEY_PARAMS,
  PARTNER_ASSIGNMENT as PARTNER,
} from '../support/assign.ts';
import { defineStep } from '../support/defineStep.ts';
import type { Environment, KeyType } from '../support/world.ts';

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned',
    parameters: KEY_PARAMS,
    example: 'When a HOT rsa4096 key is assigned',
    description: `${PARTNER} A 200 answer is kept as "the key" (and "the <type> key").`,
  },
  async function (env: Environment, type: KeyType) {
    await assignPartnerKey(this, env, type);
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key called {string} is assigned',
    parameters: { ...KEY_PARAMS, string: 'the alias to refer to it by' },
    example: 'When a HOT rsa4096 key called "first" is assigned',
    description: `${PARTNER} A 200 answer is kept as \`the key "<alias>"\` and as "the key".`,
  },
  async function (env: Environment, type: KeyType, alias: string) {
    await assignPartnerKey(this, env, type, alias);
    if (this.keys.has(alias)) this.keys.set('the key', this.key(alias));
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'another {environment} {keyType} key is assigned to the same user',
    parameters: KEY_PARAMS,
    example: 'When another HOT rsa4096 key is assigned to the same user',
    description: `${PARTNER} A 200 answer is kept as "the second key" (the partner endpoint answers 409 to a second assignment).`,
  },
  async function (env: Environment, type: KeyType) {
    await assignPartnerKey(this, env, type, 'the second key');
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned binding {string}',
    parameters: { ...KEY_PARAMS, string: 'the sign_with fields, comma-separated' },
    example: 'When a COLD rsa4096 key is assigned binding "external_customer_id, key_id"',
    description: `${PARTNER} With sign_with: the enclave signs a canonical payload of the public key and these fields.`,
  },
  async function (env: Environment, type: KeyType, fields: string) {
    await assignPartnerKey(this, env, type, 'the key', { sign_with: fieldList(fields) });
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned binding {string} without an organisation id',
    parameters: { ...KEY_PARAMS, string: 'the sign_with fields, comma-separated' },
    example:
      'When a HOT ed25519 key is assigned binding "external_customer_id" without an organisation id',
    description: `${PARTNER} The organisation carries only its name, so a bound external_customer_id has no value.`,
  },
  async function (env: Environment, type: KeyType, fields: string) {
    await assignPartnerKey(this, env, type, 'the key', {
      organisation: { customer_name: this.customer.customerName },
      sign_with: fieldList(fields),
    });
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned with sign_with {string}',
    parameters: { ...KEY_PARAMS, string: 'sign_with as JSON, sent as it is' },
    example: 'When a HOT rsa4096 key is assigned with sign_with \'["public_key"]\'',
    description: `${PARTNER} For sign_with values a field list cannot say (repeats, forbidden fields, wrong types).`,
  },
  async function (env: Environment, type: KeyType, json: string) {
    await assignPartnerKey(this, env, type, 'the key', { sign_with: JSON.parse(json) });
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned with the extra organisation field {string}',
    parameters: { ...KEY_PARAMS, string: 'the name of a field the API does not define' },
    example: 'When a HOT ed25519 key is assigned with the extra organisation field "custmer_name"',
    description: `${PARTNER} The organisation object carries one more field, valued with the customer name.`,
  },
  async function (env: Environment, type: KeyType, field: string) {
    const c = this.customer;
    await assignPartnerKey(this, env, type, 'the key', {
      organisation: {
        customer_id: c.customerId,
        customer_name: c.customerName,
        [field]: c.customerName,
      },
    });
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned with a user_identifier of {int} characters',
    parameters: { ...KEY_PARAMS, int: 'the length of user_identifier' },
    example: 'When a HOT ed25519 key is assigned with a user_identifier of 300 characters',
    description: `${PARTNER} The scenario's user identifier padded (or cut) to that length.`,
  },
  async function (env: Environment, type: KeyType, length: number) {
    const id = this.customer.userIdentifier;
    await assignPartnerKey(this, env, type, 'the key', {
      user_identifier: `${id}${'x'.repeat(Math.max(0, length - id.length))}`.slice(0, length),
    });
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'Then',
    text: 'the response carries the key with its documented fields',
    example: 'Then the response carries the key with its documented fields',
    description:
      "A partner assignment's answer: a v4 UUID key_id, the scenario's customer_id and package_id, its metadata, a base64 signature, and no signed_payload without sign_with.",
  },
  function () {
    const body = this.checked().body as Record<string, unknown>;
    const c = this.customer;
    assert.match(
      String(body.key_id),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(body.customer_id, c.customerId);
    assert.equal(body.package_id, c.packageId);
    assert.deepEqual(body.metadata, { customer_name: c.customerName, package_name: c.packageName });
    assert.match(String(body.signature), /^[A-Za-z0-9+/]+={0,2}$/);
    assert.equal('signed_payload' in body, false, 'signed_payload without sign_with');
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'Then',
    text: 'the public key is the hex of a(n) {keyType} public key',
    parameters: { keyType: KEY_PARAMS.keyType },
    example: 'Then the public key is the hex of an rsa4096 public key',
    description:
      'The answer is 200 and public_key is lower-case hex of: a DER SubjectPublicKeyInfo of an RSA-4096 key with exponent 65537 (rsa4096); a 33-byte compressed point on the curve (secp256k1); a 32-byte key (ed25519).',
  },
  function (type: KeyType) {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const hex = (response.body as { public_key: string }).public_key;
    if (type === 'secp256k1') {
      assert.match(hex, /^0[23][0-9a-f]{64}$/, 'a 33-byte compressed point');
      // Decompressing proves the point is on the curve.
      assert.equal(ECDH.convertKey(hex, 'secp256k1', 'hex', 'hex', 'uncompressed').length, 130);
    } else if (type === 'ed25519') {
      assert.match(hex, /^[0-9a-f]{64}$/, 'a 32-byte public key');
      const key = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
        format: 'jwk',
      });
      assert.equal(key.asymmetricKeyType, 'ed25519');
    } else {
      assert.match(hex, /^[0-9a-f]{1100}$/);
      const key = createPublicKey({ key: Buffer.from(hex, 'hex'), format: 'der', type: 'spki' });
      assert.equal(key.asymmetricKeyType, 'rsa');
      assert.equal(key.asymmetricKeyDetails?.modulusLength, 4096);
      assert.equal(key.asymmetricKeyDetails?.publicExponent, 65537n);
    }
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'Then',
    text: 'the keys are all different',
    example: 'Then the keys are all different',
    description: 'Every key the scenario was given has its own key_id and public key.',
  },
  function () {
    this.checked();
    // One key may be known by several aliases.
    const keys = [...new Set(this.keys.values())];
    assert.equal(new Set(keys.map((k) => k.publicKey)).size, keys.length);
    assert.equal(new Set(keys.map((k) => k.keyId)).size, keys.length);
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'Then',
    text: 'the mock holds {key} in the {environment} environment',
    parameters: { key: 'which key', environment: 'HOT or COLD' },
    example: 'Then the mock holds the key in the COLD environment',
    description: "The mock's own view of the key (GET /_mock/keys/{id}) names that environment.",
  },
  async function (alias: string, env: Environment) {
    this.checked();
    const view = await this.control.keyView(this.key(alias).keyId);
    assert.equal(view.key_environment, env);
  },
);
