// A CoinCover integration test with the mock in-process: `node --test`.
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt } from 'node:crypto';
import { test } from 'node:test';
import { startMock } from 'coincover-mock';

test('a COLD backup is stored and journaled', async (t) => {
  const mock = await startMock();
  t.after(() => mock.close());
  const post = (path, body) =>
    fetch(`${mock.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${mock.apiKeys.partner}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  const assigned = await post('/v1/partner/keys', {
    user_identifier: 'alice@acme.io',
    key_type: 'rsa4096',
    key_environment: 'COLD',
    organisation: { customer_id: 'org-123', customer_name: 'Acme Corp' },
    package: { package_id: 'pkg-456', package_name: 'Main Workspace' },
  });
  assert.equal(assigned.status, 200);
  const { public_key } = await assigned.json();

  const seed = Buffer.from('recovery material of the test', 'utf8');
  const key = createPublicKey({ key: Buffer.from(public_key, 'hex'), format: 'der', type: 'spki' });
  const data = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    seed,
  );
  const stored = await post('/v1/partner/secure/data', {
    public_key,
    data: data.toString('base64'),
    checksum: createHash('sha256').update(seed).digest('hex'),
  });
  assert.equal(stored.status, 200);

  const entry = await mock.journal(stored.headers.get('x-request-id'));
  assert.deepEqual(entry.faults, []);
});
