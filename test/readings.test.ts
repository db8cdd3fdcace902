/**
 * The property validation relies on to read a good body once (http/validation.ts): each request
 * schema's strict reading only adds constraints to its faithful one, so a body the strict reading
 * accepts, the faithful one accepts and reads the same. Checked for every row of the route table
 * with a body, on bodies that use each field (defaults, transforms and nested objects included).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROUTES } from '../mock-server/routes/index.ts';

const publicKey = 'AB'.repeat(40);
const metadata = { description: 'Recovery phrase', content_type: 'text/plain' };
const bodies: Record<string, object[]> = {
  partnerAssignKey: [
    {
      user_identifier: 'a@example.test',
      key_type: 'rsa4096',
      key_environment: 'HOT',
      organisation: { customer_id: 'c', customer_name: 'C' },
      package: { package_id: 'p' },
      sign_with: ['external_customer_id', 'key_fingerprint'],
    },
    {
      user_identifier: 'b@example.test',
      key_type: 'ed25519',
      key_environment: 'COLD',
      organisation: {},
      package: {},
    },
  ],
  assignKey: [{ user_identifier: 'c@example.test', key_type: 'secp256k1' }],
  partnerStoreSecureData: [
    { public_key: publicKey, checksum: 'CD'.repeat(32), data: 'AAAA', metadata },
    { public_key: publicKey, checksum: 'cd'.repeat(32), data: 'AAAA', padding_type: 'OAEP' },
  ],
  storeSecureData: [{ public_key: publicKey, data: 'AAAA' }],
  partnerStoreSecureFile: [
    { public_key: publicKey, metadata: JSON.stringify(metadata) },
    { public_key: publicKey },
  ],
  storeSecureFile: [{ public_key: publicKey, metadata: '{}' }],
};

describe('request readings', () => {
  const rows = ROUTES.filter((route) => route.request);
  it('covers every row with a request body', () => {
    assert.deepEqual(rows.map((r) => r.operationId).sort(), Object.keys(bodies).sort());
  });
  for (const route of rows) {
    it(`${route.operationId}: what the strict reading accepts, the faithful one reads the same`, () => {
      for (const body of bodies[route.operationId] ?? []) {
        const strict = route.request?.strict.safeParse(body);
        const faithful = route.request?.faithful.safeParse(body);
        assert.ok(strict?.success, `strict refused ${JSON.stringify(body)}: ${strict?.error}`);
        assert.ok(faithful?.success);
        assert.deepEqual(strict.data, faithful.data);
      }
    });
  }
});
