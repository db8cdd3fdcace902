/**
 * Recovery for Institutions: assigning keys of every type through POST /v1/keys, storing through
 * /v1/secure/data and /v1/secure/file, and checking any response against its documented schema.
 */
import assert from 'node:assert/strict';
import { createPublicKey, ECDH, randomBytes, randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { FormData, request } from 'undici';
import { routesAt } from '../mock-server/routes/index.ts';
import { ErrorResponse } from '../mock-server/routes/openApiDocument.ts';
import { encryptOaepSha256, encryptWithOpenSsl, sha256Hex } from './support/clientCrypto.ts';
import type { CoinCoverWorld } from './support/world.ts';

export async function assignStandardKey(
  world: CoinCoverWorld,
  keyType: string,
  environment: string | null,
  alias = 'the key',
  extra: Record<string, unknown> = {},
) {
  const body = {
    user_identifier: world.customer.userIdentifier,
    key_type: keyType,
    ...(environment === null ? {} : { key_environment: environment }),
    ...extra,
  };
  const response = await world.send('POST', '/v1/keys', { json: body });
  if (response.status !== 200) return;
  world.rememberIssuedKey(alias, response.body, environment ?? 'HOT', keyType);
  world.keys.set(`the ${keyType} key`, world.key(alias));
}

When(
  'the institution assigns a(n) {word} key in the {word} environment',
  async function (this: CoinCoverWorld, keyType: string, environment: string) {
    await assignStandardKey(this, keyType, environment);
  },
);

When(
  'the institution assigns a(n) {word} key without naming an environment',
  async function (this: CoinCoverWorld, keyType: string) {
    await assignStandardKey(this, keyType, null);
  },
);

When(
  'the institution assigns another {word} key to the same user',
  async function (this: CoinCoverWorld, keyType: string) {
    await assignStandardKey(this, keyType, 'HOT', 'the second key');
  },
);

When(
  'the institution assigns a(n) {word} key binding {string}',
  async function (this: CoinCoverWorld, keyType: string, fields: string) {
    const c = this.customer;
    await assignStandardKey(this, keyType, 'COLD', 'the key', {
      organisation: { customer_id: c.customerId, customer_name: c.customerName },
      package: { package_id: c.packageId, package_name: c.packageName },
      sign_with: fields.split(',').map((s) => s.trim()),
    });
  },
);

When(
  'the institution assigns a key with the body:',
  async function (this: CoinCoverWorld, json: string) {
    await this.send('POST', '/v1/keys', { json: JSON.parse(json) });
  },
);

/** Six keys; afterwards "the key" (and "the rsa4096 key") is the HOT rsa4096 one, to store under. */
When(
  'the institution assigns keys of every type in both environments',
  async function (this: CoinCoverWorld) {
    for (const keyType of ['secp256k1', 'ed25519', 'rsa4096']) {
      for (const environment of ['COLD', 'HOT']) {
        await assignStandardKey(this, keyType, environment, `the ${environment} ${keyType} key`);
        assert.equal(this.checked().status, 200, this.checked().text);
      }
    }
    this.keys.set('the key', this.key('the HOT rsa4096 key'));
  },
);

Then(
  'the public key is the hex of a(n) {word} public key',
  function (this: CoinCoverWorld, keyType: string) {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const hex = (response.body as { public_key: string }).public_key;
    if (keyType === 'secp256k1') {
      assert.match(hex, /^0[23][0-9a-f]{64}$/, 'a 33-byte compressed point');
      // Decompressing proves the point is on the curve.
      assert.equal(ECDH.convertKey(hex, 'secp256k1', 'hex', 'hex', 'uncompressed').length, 130);
    } else if (keyType === 'ed25519') {
      assert.match(hex, /^[0-9a-f]{64}$/, 'a 32-byte public key');
      const key = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
        format: 'jwk',
      });
      assert.equal(key.asymmetricKeyType, 'ed25519');
    } else {
      const key = createPublicKey({ key: Buffer.from(hex, 'hex'), format: 'der', type: 'spki' });
      assert.equal(key.asymmetricKeyDetails?.modulusLength, 4096);
    }
  },
);

Then(
  'the mock holds the key in the {word} environment',
  async function (this: CoinCoverWorld, environment: string) {
    this.checked();
    const answer = await request(`${this.baseUrl}/_mock/keys/${this.key().keyId}`);
    assert.equal(answer.statusCode, 200);
    assert.equal(
      ((await answer.body.json()) as { key_environment: string }).key_environment,
      environment,
    );
  },
);

/** The 200 body against the route's response schema, any other against ErrorResponse: the schemas the OpenAPI document is made of. */
Then('the response matches its documented schema', function (this: CoinCoverWorld) {
  const response = this.checked();
  const route = routesAt(response.path.split('?')[0] ?? '').find(
    (r) => r.method.toUpperCase() === response.method,
  );
  assert.ok(route, `no documented route for ${response.method} ${response.path}`);
  const schema = response.status === 200 ? route.response.schema : ErrorResponse;
  const parsed = schema.safeParse(response.body);
  assert.ok(
    parsed.success,
    `${response.status} body does not match its schema: ${parsed.error?.message}`,
  );
  if (response.status !== 200)
    assert.ok(
      route.errors.includes(response.status),
      `${response.status} is not documented for ${route.operationId}`,
    );
});

// --- storing ------------------------------------------------------------------------------------

async function storeData(
  world: CoinCoverWorld,
  text: string,
  keyAlias: string,
  fields: Record<string, unknown>,
  ciphertext?: Buffer,
) {
  const plaintext = Buffer.from(text, 'utf8');
  world.secretPlaintext = text;
  const key = world.key(keyAlias);
  // A signer key cannot encrypt: what the client sends under one is bytes of the right length.
  const encrypted =
    ciphertext ??
    (key.keyType === undefined || key.keyType === 'rsa4096'
      ? encryptOaepSha256(key.publicKey, plaintext)
      : randomBytes(512));
  const data = encrypted.toString('base64');
  const response = await world.send('POST', '/v1/secure/data', {
    json: { public_key: world.key(keyAlias).publicKey, data, ...fields },
  });
  if (response.status === 200)
    world.backups.set('the backup', {
      backupId: (response.body as { backup_id: string }).backup_id,
      type: 'data',
      keyAlias,
    });
}

When(
  'the institution backs up {string} under its key',
  async function (this: CoinCoverWorld, text: string) {
    await storeData(this, text, 'the key', { checksum: sha256Hex(text) });
  },
);

When(
  'the institution backs up {string} under its {word} key',
  async function (this: CoinCoverWorld, text: string, keyType: string) {
    await storeData(this, text, `the ${keyType} key`, { checksum: sha256Hex(text) });
  },
);

When(
  'the institution backs up {string} under its key without a checksum',
  async function (this: CoinCoverWorld, text: string) {
    await storeData(this, text, 'the key', {});
  },
);

When(
  'the institution backs up {string} under its key with the checksum of {string}',
  async function (this: CoinCoverWorld, text: string, other: string) {
    await storeData(this, text, 'the key', { checksum: sha256Hex(other) });
  },
);

When(
  'the institution backs up {string} encrypted by the OpenSSL command line with {string}',
  async function (this: CoinCoverWorld, text: string, options: string) {
    await storeData(
      this,
      text,
      'the key',
      { checksum: sha256Hex(text) },
      encryptWithOpenSsl(this.key().publicKey, Buffer.from(text), options),
    );
  },
);

When(
  'the institution backs up {string} under its key, encrypted by the OpenSSL command line with {string} and without a checksum',
  async function (this: CoinCoverWorld, text: string, options: string) {
    await storeData(
      this,
      text,
      'the key',
      {},
      encryptWithOpenSsl(this.key().publicKey, Buffer.from(text), options),
    );
  },
);

When(
  'the institution backs up data under a public key the mock never issued',
  async function (this: CoinCoverWorld) {
    const plaintext = 'orphan';
    await this.send('POST', '/v1/secure/data', {
      json: {
        public_key: randomBytes(550).toString('hex'),
        checksum: sha256Hex(plaintext),
        data: randomBytes(512).toString('base64'),
      },
    });
  },
);

async function uploadFile(
  world: CoinCoverWorld,
  keyAlias: string,
  size: number,
  contentType = 'application/octet-stream',
) {
  const form = new FormData();
  form.append('public_key', world.key(keyAlias).publicKey);
  form.append('metadata', JSON.stringify({ description: 'wallet backup archive' }));
  form.append(
    'file',
    new Blob([new Uint8Array(randomBytes(size))], { type: contentType }),
    `wallet-${randomUUID().slice(0, 8)}.bin`,
  );
  const response = await world.send('POST', '/v1/secure/file', { form });
  if (response.status === 200)
    world.backups.set('the file', {
      backupId: (response.body as { backup_id: string }).backup_id,
      type: 'file',
      keyAlias,
    });
}

When(
  'the institution uploads an encrypted file of {int} bytes under its key',
  async function (this: CoinCoverWorld, size: number) {
    await uploadFile(this, 'the key', size);
  },
);

When(
  'the institution uploads an encrypted file of {int} bytes under its {word} key',
  async function (this: CoinCoverWorld, size: number, keyType: string) {
    await uploadFile(this, `the ${keyType} key`, size);
  },
);

When(
  'the institution uploads an encrypted file of {int} bytes under its key as {string}',
  async function (this: CoinCoverWorld, size: number, contentType: string) {
    await uploadFile(this, 'the key', size, contentType);
  },
);

Then(
  'the backup is stored with the checksum of {string}',
  function (this: CoinCoverWorld, text: string) {
    const response = this.checked();
    assert.equal(response.status, 200, response.text.slice(0, 300));
    const body = response.body as Record<string, unknown>;
    assert.deepEqual(
      { backup_type: body.backup_type, checksum: body.checksum, data_size: body.data_size },
      { backup_type: 'data', checksum: sha256Hex(text), data_size: 512 },
    );
    assert.ok(!response.text.includes(text), 'the plaintext came back in the response');
  },
);

Then('the backup is stored without a checksum', function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.equal(response.status, 200, response.text.slice(0, 300));
  const body = response.body as Record<string, unknown>;
  // The document types checksum as a string, never null: with none verified, there is none to answer.
  assert.ok(
    !Object.hasOwn(body, 'checksum'),
    `checksum is in the answer: ${JSON.stringify(body.checksum)}`,
  );
  assert.deepEqual(
    { backup_type: body.backup_type, data_size: body.data_size },
    { backup_type: 'data', data_size: 512 },
  );
});

Then('the file is stored under the key', function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.equal(response.status, 200, response.text.slice(0, 300));
  const body = response.body as { backup_type: string; metadata: Record<string, string> };
  assert.equal(body.backup_type, 'file');
  assert.equal(body.metadata.key_id, this.key().keyId);
});

// --- the documented 500 --------------------------------------------------------------------------

Given(
  'the service fails the next request with an internal error',
  async function (this: CoinCoverWorld) {
    const answer = await request(`${this.baseUrl}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'internal_error' }),
    });
    assert.equal(answer.statusCode, 200, await answer.body.text());
    this.serverErrorsExpected += 1;
  },
);

When(
  'the client sends {word} {string} with a JSON body',
  async function (this: CoinCoverWorld, method: string, path: string) {
    await this.send(
      method as 'GET',
      path.replace('{id}', randomUUID()),
      method === 'GET' ? {} : { json: {} },
    );
  },
);
