/** Snapshots (GET /_mock/snapshot) and seed files (--seed): exporting the state and loading it into another mock. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { request } from 'undici';
import type { SeedFile } from '../mock-server/store/seedFormat.ts';
import { currentMock, own, POOL_ARGS, startOwnMock, tempDir } from './support/ownMocks.ts';
import type { CoinCoverWorld } from './support/world.ts';

const snapshots = new WeakMap<CoinCoverWorld, SeedFile>();

async function takeSnapshot(world: CoinCoverWorld): Promise<SeedFile> {
  const answer = await request(`${world.baseUrl}/_mock/snapshot`);
  assert.equal(answer.statusCode, 200);
  return (await answer.body.json()) as SeedFile;
}

Given(
  'a mock of its own on a new data directory, seeded with {string}',
  async function (this: CoinCoverWorld, files: string) {
    const seeds = files.split(',').flatMap((file) => ['--seed', file.trim()]);
    await startOwnMock(this, [
      '--data-dir',
      join(tempDir(this, 'data'), 'state'),
      ...seeds,
      ...POOL_ARGS,
    ]);
  },
);

When('the mock is started again with the same arguments', async function (this: CoinCoverWorld) {
  await startOwnMock(this, own(this).args);
});

Then(
  'its ready line reports {int} key(s) and {int} backup(s) seeded',
  function (this: CoinCoverWorld, keys: number, backups: number) {
    assert.match(
      currentMock(this).readyLine,
      new RegExp(`seeded ${keys} keys, ${backups} backups, `),
    );
  },
);

When('the client takes a snapshot', async function (this: CoinCoverWorld) {
  snapshots.set(this, await takeSnapshot(this));
});

Then(
  'the snapshot lists every key without its private key, and says so',
  function (this: CoinCoverWorld) {
    const snapshot = snapshots.get(this);
    assert.ok(snapshot);
    assert.equal(snapshot.format, 'coincover-mock-seed/1');
    assert.equal(snapshot.private_keys, 'omitted');
    assert.match(String(snapshot.about), /without private keys.*--snapshot-private-keys/);
    assert.ok((snapshot.keys ?? []).length > 0 && (snapshot.backups ?? []).length > 0);
    assert.ok(
      (snapshot.keys ?? []).every(
        (key) => key.private_key_pem === undefined && /^[0-9a-f]+$/.test(String(key.public_key)),
      ),
    );
    assert.ok(!JSON.stringify(snapshot).includes('PRIVATE KEY'));
  },
);

When('a new mock is started with the snapshot as its seed', async function (this: CoinCoverWorld) {
  const snapshot = snapshots.get(this);
  assert.ok(snapshot, 'no snapshot was taken');
  assert.equal(snapshot.private_keys, 'included');
  const file = join(tempDir(this, 'snapshot'), 'snapshot.json');
  writeFileSync(file, JSON.stringify(snapshot));
  await startOwnMock(this, ['--seed', file, '--snapshot-private-keys', ...POOL_ARGS]);
});

Then(
  'its ready line reports every key and backup of the snapshot seeded',
  function (this: CoinCoverWorld) {
    const snapshot = snapshots.get(this);
    assert.ok(snapshot);
    assert.match(
      currentMock(this).readyLine,
      new RegExp(`seeded ${snapshot.keys?.length} keys, ${snapshot.backups?.length} backups, `),
    );
  },
);

Then('the mock holds exactly what the snapshot holds', async function (this: CoinCoverWorld) {
  const before = snapshots.get(this);
  assert.ok(before);
  const after = await takeSnapshot(this);
  assert.deepEqual(after.keys, before.keys);
  assert.deepEqual(after.backups, before.backups);
});
