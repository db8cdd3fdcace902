/** The project's own checks of what the mock signs and seeds, with tools QA does not get. */
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Given, Then } from '@cucumber/cucumber';
import { fromPackageRoot } from '../../mock-server/packagePaths.ts';
import { assertSignatureVerifies } from '../library/signatures.ts';
import { verifiesWithNoble } from './support/nobleSignature.ts';
import type { ProjectWorld } from './world.ts';

Then('the signature verifies with @noble\\/curves too', async function (this: ProjectWorld) {
  await assertSignatureVerifies(this, verifiesWithNoble);
});

/** The vector key of fixtures/seeds/vector-key.test.json: storage scenarios that need any rsa4096 key use it, and take none from the pool. */
Given('the rsa4096 key seeded for the vectors is the key', function (this: ProjectWorld) {
  const seed = JSON.parse(
    readFileSync(fromPackageRoot('fixtures', 'seeds', 'vector-key.test.json'), 'utf8'),
  ) as { keys: Array<{ key_id: string; private_key_pem: string }> };
  const key = seed.keys[0];
  assert.ok(key, 'the vector seed holds no key');
  const publicKey = createPublicKey(key.private_key_pem)
    .export({ type: 'spki', format: 'der' })
    .toString('hex');
  const issued = {
    keyId: key.key_id,
    publicKey,
    signature: '',
    environment: 'HOT',
    keyType: 'rsa4096',
  } as const;
  this.keys.set('the key', issued);
  this.keys.set('the rsa4096 key', issued);
});
