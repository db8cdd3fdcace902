import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MemoryStore } from '../mock-server/store/memoryStore.ts';
import { applySeeds, readSeedFile } from '../mock-server/store/seedFile.ts';
import { snapshotOf } from '../mock-server/store/snapshot.ts';
import { tempDir } from './support/tempDirs.ts';

const fixture = (file: string) => new URL(`../fixtures/${file}`, import.meta.url).pathname;
const dir = tempDir('snapshot-test-');

function seeded(): MemoryStore {
  const store = new MemoryStore();
  applySeeds(store, [
    readSeedFile(fixture('seeds/vector-key.test.json')),
    readSeedFile(fixture('seeds/backups.test.json')),
  ]);
  return store;
}

describe('snapshots', () => {
  it('with private keys: loading one into an empty store reproduces the state', () => {
    const snapshot = snapshotOf(seeded(), true);
    const file = join(dir, 'with-keys.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const restored = new MemoryStore();
    assert.deepEqual(applySeeds(restored, [readSeedFile(file)]), { keys: 3, backups: 4 });
    const again = snapshotOf(restored, true);
    assert.deepEqual({ ...again, exported_at: undefined }, { ...snapshot, exported_at: undefined });
  });

  it('never overwrites: loading the same snapshot twice adds nothing the second time', () => {
    const file = join(dir, 'twice.json');
    writeFileSync(file, JSON.stringify(snapshotOf(seeded(), true)));
    const store = new MemoryStore();
    assert.deepEqual(applySeeds(store, [readSeedFile(file), readSeedFile(file)]), {
      keys: 3,
      backups: 4,
    });
    assert.deepEqual(applySeeds(store, [readSeedFile(file)]), { keys: 0, backups: 0 });
  });

  it('without private keys: says so, holds no key material, and is refused by --seed', () => {
    const snapshot = snapshotOf(seeded(), false);
    assert.equal(snapshot.private_keys, 'omitted');
    assert.ok(!JSON.stringify(snapshot).includes('PRIVATE KEY'));
    const file = join(dir, 'without-keys.json');
    writeFileSync(file, JSON.stringify(snapshot));
    assert.throws(() => readSeedFile(file), /without private keys cannot be loaded/);
  });
});
