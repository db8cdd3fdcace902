/** Snapshots (GET /_mock/snapshot) and loading one into a new mock of the scenario's own with --seed. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineStep } from '../support/defineStep.ts';
import { currentMock, POOL_ARGS, startOwnMock, tempDir } from '../support/ownMocks.ts';
import type { CoinCoverWorld } from '../support/world.ts';

function snapshotOf(world: CoinCoverWorld) {
  const snapshot = world.snapshot;
  assert.ok(snapshot, `no snapshot was taken before this step${world.where()}`);
  return snapshot;
}

defineStep(
  {
    domain: 'persistence',
    keyword: 'When',
    text: 'a snapshot is taken',
    example: 'When a snapshot is taken',
    description: 'GET /_mock/snapshot: the keys and backups in the seed file format.',
  },
  async function () {
    this.snapshot = await this.control.snapshot();
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'Then',
    text: 'the snapshot lists every key without its private key, and says so',
    example: 'Then the snapshot lists every key without its private key, and says so',
    description:
      'Without --snapshot-private-keys: private_keys "omitted", every key with its public key only.',
  },
  function () {
    const snapshot = snapshotOf(this);
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

defineStep(
  {
    domain: 'persistence',
    keyword: 'When',
    text: 'a new mock is started with the snapshot as its seed',
    example: 'When a new mock is started with the snapshot as its seed',
    description:
      'The snapshot (taken with private keys) is written to a temporary file and an own mock is started with it as --seed.',
  },
  async function () {
    const snapshot = snapshotOf(this);
    assert.equal(snapshot.private_keys, 'included');
    const file = join(tempDir(this, 'snapshot'), 'snapshot.json');
    writeFileSync(file, JSON.stringify(snapshot));
    await startOwnMock(this, ['--seed', file, '--snapshot-private-keys', ...POOL_ARGS]);
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'Then',
    text: 'its ready line reports every key and backup of the snapshot seeded',
    example: 'Then its ready line reports every key and backup of the snapshot seeded',
    description: 'The new mock seeded as many keys and backups as the snapshot holds.',
  },
  function () {
    const snapshot = snapshotOf(this);
    assert.match(
      currentMock(this).readyLine,
      new RegExp(`seeded ${snapshot.keys?.length} keys, ${snapshot.backups?.length} backups, `),
    );
  },
);

defineStep(
  {
    domain: 'persistence',
    keyword: 'Then',
    text: 'the mock holds exactly what the snapshot holds',
    example: 'Then the mock holds exactly what the snapshot holds',
    description: 'A new snapshot has the same keys and backups as the one taken.',
  },
  async function () {
    const before = snapshotOf(this);
    const after = await this.control.snapshot();
    assert.deepEqual(after.keys, before.keys);
    assert.deepEqual(after.backups, before.backups);
  },
);
