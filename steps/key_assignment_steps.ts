/** Assigning keys and checking what the assignment returned: the key, its signature, sign_with. */
import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Given, Then, When } from '@cucumber/cucumber';
import { fromPackageRoot } from '../mock-server/packagePaths.ts';
import { fetchJwks, verifiesWithNoble, verifiesWithOpenSsl } from './support/enclaveSignature.ts';
import { newCustomer, type CoinCoverWorld } from './support/world.ts';

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function assignBody(
  world: CoinCoverWorld,
  environment: string,
  extra: Record<string, unknown> = {},
) {
  const c = world.customer;
  return {
    user_identifier: c.userIdentifier,
    key_type: 'rsa4096',
    key_environment: environment,
    organisation: { customer_id: c.customerId, customer_name: c.customerName },
    package: { package_id: c.packageId, package_name: c.packageName },
    ...extra,
  };
}

export async function assignKey(
  world: CoinCoverWorld,
  environment: string,
  alias = 'the key',
  extra: Record<string, unknown> = {},
): Promise<void> {
  const response = await world.send('POST', '/v1/partner/keys', {
    json: assignBody(world, environment, extra),
  });
  if (response.status === 200)
    world.rememberIssuedKey(alias, response.body, environment, String(extra.key_type ?? 'rsa4096'));
}

When(
  'the client assigns an rsa4096 key in the {word} environment',
  async function (this: CoinCoverWorld, environment: string) {
    await assignKey(this, environment);
  },
);

When(
  'the client assigns a {word} key called {string}',
  async function (this: CoinCoverWorld, environment: string, alias: string) {
    await assignKey(this, environment, alias);
  },
);

When(
  'the client assigns a {word} key binding {string}',
  async function (this: CoinCoverWorld, environment: string, fields: string) {
    await assignKey(this, environment, 'the key', { sign_with: list(fields) });
  },
);

When(
  'the client assigns a(n) {word} key asking to bind {string}',
  async function (this: CoinCoverWorld, kind: string, json: string) {
    const { environment, extra } = kindOf(kind);
    await assignKey(this, environment, 'the key', { ...extra, sign_with: JSON.parse(json) });
  },
);

/** `HOT` or `COLD` names an rsa4096 key in that environment; `ed25519` or `secp256k1` a HOT signer key (made at once, from no pool). */
const kindOf = (kind: string) =>
  kind === 'HOT' || kind === 'COLD'
    ? { environment: kind, extra: {} }
    : { environment: 'HOT', extra: { key_type: kind } };

When(
  'the client assigns a(n) {word} key with the extra organisation field {string}',
  async function (this: CoinCoverWorld, kind: string, field: string) {
    const c = this.customer;
    const { environment, extra } = kindOf(kind);
    await assignKey(this, environment, 'the key', {
      ...extra,
      organisation: {
        customer_id: c.customerId,
        customer_name: c.customerName,
        [field]: c.customerName,
      },
    });
  },
);

When(
  'the client assigns a(n) {word} key with a user_identifier of {int} characters',
  async function (this: CoinCoverWorld, kind: string, length: number) {
    const id = this.customer.userIdentifier;
    const { environment, extra } = kindOf(kind);
    await assignKey(this, environment, 'the key', {
      ...extra,
      user_identifier: `${id}${'x'.repeat(Math.max(0, length - id.length))}`.slice(0, length),
    });
  },
);

When(
  'the client assigns a(n) {word} key binding {string} without an organisation id',
  async function (this: CoinCoverWorld, kind: string, fields: string) {
    const { environment, extra } = kindOf(kind);
    await assignKey(this, environment, 'the key', {
      ...extra,
      organisation: { customer_name: this.customer.customerName },
      sign_with: list(fields),
    });
  },
);

/** The vector key of fixtures/seeds/vector-key.test.json: storage scenarios that need any rsa4096 key use it, and take none from the pool. */
Given(
  'the client stores under the rsa4096 key seeded for the vectors',
  function (this: CoinCoverWorld) {
    const seed = JSON.parse(
      readFileSync(fromPackageRoot('fixtures', 'seeds', 'vector-key.test.json'), 'utf8'),
    ) as { keys: Array<{ key_id: string; private_key_pem: string }> };
    const key = seed.keys[0];
    assert.ok(key, 'the vector seed holds no key');
    const publicKey = createPublicKey(key.private_key_pem)
      .export({ type: 'spki', format: 'der' })
      .toString('hex');
    this.keys.set('the key', {
      keyId: key.key_id,
      publicKey,
      signature: '',
      environment: 'HOT',
      keyType: 'rsa4096',
    });
  },
);

When('the client assigns the same key again', async function (this: CoinCoverWorld) {
  await assignKey(this, 'HOT', 'the second key');
});

When(
  'the client assigns a key with the body:',
  async function (this: CoinCoverWorld, json: string) {
    await this.send('POST', '/v1/partner/keys', { json: JSON.parse(json) });
  },
);

When(
  'the client assigns a key of type {string}',
  async function (this: CoinCoverWorld, keyType: string) {
    await assignKey(this, 'HOT', 'the key', { key_type: keyType });
  },
);

Then('the response carries the key with its documented fields', function (this: CoinCoverWorld) {
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
});

Then(
  'the public key is the hex of an RSA-4096 SubjectPublicKeyInfo',
  function (this: CoinCoverWorld) {
    this.checked();
    const hex = this.key().publicKey;
    assert.match(hex, /^[0-9a-f]{1100}$/);
    const key = createPublicKey({ key: Buffer.from(hex, 'hex'), format: 'der', type: 'spki' });
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 4096);
    assert.equal(key.asymmetricKeyDetails?.publicExponent, 65537n);
  },
);

Then('the two keys are different', function (this: CoinCoverWorld) {
  this.checked();
  // One key may be known by several aliases.
  const keys = [...new Set(this.keys.values())];
  assert.equal(new Set(keys.map((k) => k.publicKey)).size, keys.length);
  assert.equal(new Set(keys.map((k) => k.keyId)).size, keys.length);
});

async function assertSignatureVerifies(world: CoinCoverWorld, verify: typeof verifiesWithNoble) {
  world.checked();
  const key = world.key();
  const { keys } = await fetchJwks(world.baseUrl);
  const signedText = key.signedPayload ?? key.publicKey;
  assert.ok(
    keys.some((jwk) => verify(jwk, signedText, key.signature)),
    'no JWKS key verifies the signature',
  );
}

Then('the signature verifies against the published JWKS', async function (this: CoinCoverWorld) {
  await assertSignatureVerifies(this, verifiesWithNoble);
});

Then('the signature verifies with the OpenSSL command line', async function (this: CoinCoverWorld) {
  await assertSignatureVerifies(this, verifiesWithOpenSsl);
});

Then(
  'the signature does not verify against the published JWKS',
  async function (this: CoinCoverWorld) {
    this.checked();
    const key = this.key();
    const { keys } = await fetchJwks(this.baseUrl);
    assert.ok(
      !keys.some((jwk) =>
        verifiesWithNoble(jwk, key.signedPayload ?? key.publicKey, key.signature),
      ),
    );
  },
);

Then(
  'the signed payload is the canonical JSON of the public key and {string}',
  function (this: CoinCoverWorld, fields: string) {
    this.checked();
    const key = this.key();
    assert.ok(key.signedPayload, 'no signed_payload');
    const payload = JSON.parse(key.signedPayload) as Record<string, string>;
    const names = ['public_key', ...list(fields)].sort();
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
    for (const name of list(fields)) {
      const want = expected[name];
      if (want instanceof RegExp) assert.match(String(payload[name]), want, name);
      else assert.equal(payload[name], want, name);
    }
    assert.deepEqual(key.signedFields, list(fields));
  },
);

Then(
  'the signed payload binds {string} to {string}',
  function (this: CoinCoverWorld, field: string, value: string) {
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

Then('no signed value reveals the API key', function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.ok(!response.text.includes('test-partner-key'));
});

Then('the JWKS publishes the enclave key as documented', async function (this: CoinCoverWorld) {
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
});

When('the client is another customer', function (this: CoinCoverWorld) {
  this.customer = newCustomer();
});
