/**
 * Text the mock keeps must come back the same: a lone surrogate in user_identifier (or any kept
 * string) is refused with a 400, so nothing is stored that SQLite would alter; a user whose name
 * is well-formed but unusual is the same user after a restart (409). Multipart filenames are read
 * as UTF-8 and bounded like the metadata field they become.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { request } from 'undici';
import { createApp, type MockApp } from '../mock-server/app.ts';
import { buildConfig } from '../mock-server/config.ts';
import { openDataDir } from '../mock-server/store/dataDir.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { tempDir } from './support/tempDirs.ts';

async function withMock<T>(
  dataDir: string | undefined,
  work: (base: string, mock: MockApp) => Promise<T>,
): Promise<T> {
  const mock = createApp(
    buildConfig({ port: 0, poolSize: 0, seedFiles: TEST_SEEDS, quiet: true }),
    { store: dataDir ? openDataDir(dataDir) : undefined },
  );
  const server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, mock);
  } finally {
    server.closeAllConnections();
    server.close();
    mock.close();
  }
}

const assign = async (base: string, user: string, customer = 'org-unicode') => {
  const answer = await request(`${base}/v1/partner/keys`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      user_identifier: user,
      key_type: 'rsa4096',
      key_environment: 'HOT',
      organisation: { customer_id: customer },
      package: {},
    }),
  });
  return {
    status: answer.statusCode,
    body: (await answer.body.json()) as { public_key?: string; message?: unknown },
  };
};

describe('kept text', () => {
  it('refuses a lone surrogate in user_identifier or customer_id with a 400, storing nothing', async () => {
    await withMock(undefined, async (base, mock) => {
      const before = mock.deps.store.counts();
      const lone = await assign(base, 'alice\ud800@example.test');
      assert.equal(lone.status, 400);
      assert.match(JSON.stringify(lone.body.message), /user_identifier/);
      assert.equal((await assign(base, 'bob@example.test', 'org-\udfff')).status, 400);
      assert.deepEqual(mock.deps.store.counts(), before);
    });
  });

  it('keeps a well-formed but unusual user the same across a restart on --data-dir: the second assignment is 409', async () => {
    const dir = join(tempDir('unicode-'), 'state');
    const user = 'zoë-😀-\u0301-钱包@example.test';
    assert.equal((await withMock(dir, (base) => assign(base, user))).status, 200);
    assert.equal((await withMock(dir, (base) => assign(base, user))).status, 409);
  });

  it('reads multipart filenames as UTF-8 and bounds them like metadata.original_filename', async () => {
    await withMock(undefined, async (base) => {
      const { body } = await assign(base, 'files@example.test');
      const upload = async (filename: Buffer) => {
        const head = Buffer.from(
          `--b\r\nContent-Disposition: form-data; name="public_key"\r\n\r\n${body.public_key}\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="`,
        );
        const tail = Buffer.from(
          '"\r\nContent-Type: application/octet-stream\r\n\r\n\x01\x02\x03\r\n--b--\r\n',
        );
        const answer = await request(`${base}/v1/partner/secure/file`, {
          method: 'POST',
          headers: {
            authorization: 'Bearer test-partner-key',
            'content-type': 'multipart/form-data; boundary=b',
          },
          body: Buffer.concat([head, filename, tail]),
        });
        return {
          status: answer.statusCode,
          faults: String(answer.headers['x-mock-faults'] ?? ''),
          body: (await answer.body.json()) as {
            metadata?: Record<string, string>;
            message?: unknown;
          },
        };
      };
      const stored = await upload(Buffer.from('résumé-钱包.enc', 'utf8'));
      assert.equal(stored.status, 200);
      assert.equal(stored.body.metadata?.original_filename, 'résumé-钱包.enc');
      // Beyond the strict reading's bound: stored and named (issue 15's faithful default).
      const long = await upload(Buffer.from('a'.repeat(5000)));
      assert.equal(long.status, 200);
      assert.match(long.faults, /field_length_unusual/);
      // Beyond the safety bound of every text field: refused.
      const huge = await upload(Buffer.from('a'.repeat(70_000)));
      assert.equal(huge.status, 400);
    });
  });
});
