/** Assigning keys on the standard endpoint (POST /v1/keys): Recovery for Institutions, no partner scope needed. */
import assert from 'node:assert/strict';
import { assignStandardKey, fieldList, KEY_PARAMS } from '../support/assign.ts';
import { defineStep } from '../support/defineStep.ts';
import type { Environment, KeyType } from '../support/world.ts';

const STANDARD = "On the standard endpoint (POST /v1/keys), for the scenario's user.";

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned on the standard endpoint',
    parameters: KEY_PARAMS,
    example: 'When a COLD secp256k1 key is assigned on the standard endpoint',
    description: `${STANDARD} A 200 answer is kept as "the key" (and "the <type> key").`,
  },
  async function (env: Environment, type: KeyType) {
    await assignStandardKey(this, env, type);
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {keyType} key is assigned on the standard endpoint without naming an environment',
    parameters: { keyType: KEY_PARAMS.keyType },
    example:
      'When a secp256k1 key is assigned on the standard endpoint without naming an environment',
    description: `${STANDARD} No key_environment: the service makes it HOT.`,
  },
  async function (type: KeyType) {
    await assignStandardKey(this, null, type);
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'another {environment} {keyType} key is assigned to the same user on the standard endpoint',
    parameters: KEY_PARAMS,
    example: 'When another HOT secp256k1 key is assigned to the same user on the standard endpoint',
    description: `${STANDARD} A 200 answer is kept as "the second key".`,
  },
  async function (env: Environment, type: KeyType) {
    await assignStandardKey(this, env, type, 'the second key');
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'a(n) {environment} {keyType} key is assigned on the standard endpoint binding {string}',
    parameters: { ...KEY_PARAMS, string: 'the sign_with fields, comma-separated' },
    example:
      'When a COLD ed25519 key is assigned on the standard endpoint binding "key_fingerprint, key_id"',
    description: `${STANDARD} With the organisation, the package and sign_with.`,
  },
  async function (env: Environment, type: KeyType, fields: string) {
    const c = this.customer;
    await assignStandardKey(this, env, type, 'the key', {
      organisation: { customer_id: c.customerId, customer_name: c.customerName },
      package: { package_id: c.packageId, package_name: c.packageName },
      sign_with: fieldList(fields),
    });
  },
);

defineStep(
  {
    domain: 'keys',
    keyword: 'When',
    text: 'keys of every type are assigned in both environments on the standard endpoint',
    example: 'When keys of every type are assigned in both environments on the standard endpoint',
    description: `${STANDARD} Six keys, each kept as "the <environment> <type> key" (e.g. "the COLD ed25519 key"); afterwards "the key" and "the rsa4096 key" are the HOT rsa4096 one. Fails unless all six are answered 200.`,
  },
  async function () {
    for (const type of ['secp256k1', 'ed25519', 'rsa4096'] as const) {
      for (const env of ['COLD', 'HOT'] as const) {
        await assignStandardKey(this, env, type, `the ${env} ${type} key`);
        assert.equal(this.checked().status, 200, this.checked().text);
      }
    }
    this.keys.set('the key', this.key('the HOT rsa4096 key'));
    this.keys.set('the rsa4096 key', this.key('the HOT rsa4096 key'));
  },
);
