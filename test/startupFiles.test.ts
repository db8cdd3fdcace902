/**
 * Files named at start-up are taken only for what they claim to be: a --seed must be a regular
 * file of bounded size (a FIFO must not hang start-up, /dev/zero must not grow the heap), and the
 * database of --data-dir must not be a symbolic link (a dangling one made SQLite create the
 * database outside the directory).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDataDir } from '../mock-server/store/dataDir.ts';
import { readSeedFile, SEED_FILE_LIMIT_BYTES } from '../mock-server/store/seedFile.ts';
import { DATABASE_FILE } from '../mock-server/store/sqliteSchema.ts';
import { tempDir } from './support/tempDirs.ts';

const scratch = () => tempDir('startup-files-');

describe('--seed files', () => {
  it('refuses a FIFO at once, without waiting for a writer', () => {
    const fifo = join(scratch(), 'seed.json');
    execFileSync('mkfifo', [fifo]);
    assert.throws(
      () => readSeedFile(fifo),
      /seed\.json: cannot be read \(it is a FIFO, not a regular file\)/,
    );
  });

  it('refuses a device such as /dev/zero', () => {
    assert.throws(
      () => readSeedFile('/dev/zero'),
      /cannot be read \(it is a device, not a regular file\)/,
    );
  });

  it('refuses a regular file over the size limit without reading it', () => {
    const big = join(scratch(), 'big.json');
    writeFileSync(big, '');
    truncateSync(big, SEED_FILE_LIMIT_BYTES + 1);
    assert.throws(() => readSeedFile(big), /over the 67108864-byte limit/);
  });
});

describe('--data-dir database file', () => {
  it('refuses a dangling symbolic link and creates nothing where it points', () => {
    const dir = join(scratch(), 'state');
    mkdirSync(dir);
    const outside = join(scratch(), 'elsewhere.sqlite');
    symlinkSync(outside, join(dir, DATABASE_FILE));
    assert.throws(
      () => openDataDir(dir),
      /a symbolic link to nothing; the database must be a regular file inside the data directory/,
    );
    assert.equal(existsSync(outside), false);
  });

  it('refuses a symbolic link for the write-ahead log too', () => {
    const dir = join(scratch(), 'state');
    openDataDir(dir).close();
    symlinkSync(join(scratch(), 'wal'), join(dir, `${DATABASE_FILE}-wal`));
    assert.throws(() => openDataDir(dir), /-wal: a symbolic link/);
  });
});
