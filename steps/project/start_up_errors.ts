/**
 * The start-up errors of bad data directories and seed files: inputs made on the spot (with
 * better-sqlite3, which the shipped library does not need), a mock started on them that must
 * refuse, and the one line it must say.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { openDataDir } from '../../mock-server/store/dataDir.ts';
import { applySeeds, readSeedFile } from '../../mock-server/store/seedFile.ts';
import { DATABASE_FILE } from '../../mock-server/store/sqliteSchema.ts';
import { FEATURE_SEEDS } from '../../mock-server/store/shippedSeeds.ts';
import { dataDirOf } from '../library/persistence.ts';
import { POOL_ARGS, startFailingMock, tempDir } from '../support/ownMocks.ts';
import type { CoinCoverWorld } from '../support/world.ts';
import { makeBadDataDir, spoilDataDir, tearPage, writeBadSeed } from './support/badInputs.ts';

function seedFileOf(world: CoinCoverWorld): string {
  const file = world.seedFile;
  if (!file) throw new Error(`this scenario has no seed file${world.where()}`);
  return file;
}

/** A data directory as a mock leaves it, written with the mock's own store code (quicker than a mock process). */
function writtenDataDir(world: CoinCoverWorld, seeded: boolean): void {
  const dir = join(tempDir(world, 'data'), 'state');
  world.dataDir = dir;
  const store = openDataDir(dir);
  try {
    if (seeded) applySeeds(store, FEATURE_SEEDS.slice(1).map(readSeedFile));
  } finally {
    store.close();
  }
}

Given(
  'a data directory a mock has written, holding keys and backups',
  function (this: CoinCoverWorld) {
    writtenDataDir(this, true);
  },
);

Given('a data directory a mock has written, holding nothing', function (this: CoinCoverWorld) {
  writtenDataDir(this, false);
});

Given('a data directory holding {string}', function (this: CoinCoverWorld, what: string) {
  this.dataDir = makeBadDataDir(tempDir(this, 'bad-data'), what);
});

When(
  'the data directory is changed behind its back: {string}',
  function (this: CoinCoverWorld, what: string) {
    if (what === 'a torn page') tearPage(dataDirOf(this));
    else spoilDataDir(dataDirOf(this), what);
  },
);

Given('a seed file holding {string}', function (this: CoinCoverWorld, what: string) {
  this.seedFile = writeBadSeed(tempDir(this, 'bad-seed'), what);
});

Given('a seed file that is a directory', function (this: CoinCoverWorld) {
  this.seedFile = tempDir(this, 'seed-dir');
});

When('a mock is started on that data directory', async function (this: CoinCoverWorld) {
  await startFailingMock(this, ['--data-dir', dataDirOf(this), ...POOL_ARGS]);
});

When('a mock is started with that seed file', async function (this: CoinCoverWorld) {
  await startFailingMock(this, ['--seed', seedFileOf(this), ...POOL_ARGS]);
});

When(
  'a mock is started on the same data directory with that seed file',
  async function (this: CoinCoverWorld) {
    await startFailingMock(this, [
      '--data-dir',
      dataDirOf(this),
      '--seed',
      seedFileOf(this),
      ...POOL_ARGS,
    ]);
  },
);

Then(
  'it refuses to start, naming {word} and saying {string}',
  function (this: CoinCoverWorld, what: string, saying: string) {
    const error = this.startError;
    assert.ok(error, 'the mock was not refused');
    const named = {
      database: join(resolve(this.dataDir ?? ''), DATABASE_FILE),
      directory: this.dataDir,
      seed: this.seedFile,
    }[what];
    assert.ok(named, `nothing called ${what} in this scenario`);
    // Exit 2: an input error (the command line's documented exit codes).
    assert.equal(error.exitCode, 2, error.stderr);
    assert.equal(error.stderr.trim().split('\n').length, 1, `not one line: ${error.stderr}`);
    assert.ok(error.stderr.includes(named), `stderr does not name ${named}: ${error.stderr}`);
    assert.ok(error.stderr.includes(saying), `stderr does not say "${saying}": ${error.stderr}`);
    assert.ok(
      !/PRIVATE KEY|\n\s+at /.test(error.stderr),
      `stderr shows a key or a stack trace: ${error.stderr}`,
    );
  },
);
