import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildConfig } from '../mock-server/config.ts';
import { publicKeyHexOf } from '../mock-server/crypto/keyTypes.ts';
import type { JournalEntry } from '../mock-server/diagnostics/journal.ts';
import { openDataDir } from '../mock-server/store/dataDir.ts';
import { DurableJournal } from '../mock-server/store/durableJournal.ts';
import { openState } from '../mock-server/store/openState.ts';
import type { BackupRecord, KeyRecord } from '../mock-server/store/records.ts';
import { DATABASE_FILE } from '../mock-server/store/sqliteSchema.ts';
import { tempDir } from './support/tempDirs.ts';

const newDir = () => join(tempDir('sqlite-store-'), 'state');
const vectorSeeds = ['seeds/vector-key.test.json', 'seeds/backups.test.json'].map(
  (f) => new URL(`../fixtures/${f}`, import.meta.url).pathname,
);

function signerKey(): KeyRecord {
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  return {
    keyId: randomUUID(),
    keyType: 'ed25519',
    keyEnvironment: 'COLD',
    userIdentifier: 'unit@example.test',
    userId: randomUUID(),
    customerId: 'org-unit',
    customerName: null,
    packageId: null,
    packageName: null,
    publicKeyHex: publicKeyHexOf(privateKey, 'ed25519'),
    privateKey,
    createdAt: new Date().toISOString(),
    pulledBy: { id: 'api-key-0123456789abcdef', type: 'api_key' },
  };
}

const fileBackup = (keyId: string): BackupRecord => ({
  backupId: randomUUID(),
  keyId,
  backupType: 'file',
  checksum: null,
  dataSize: 4096,
  ciphertext: null,
  contentSha256: randomBytes(32).toString('hex'),
  metadata: { description: 'unit' },
  createdAt: new Date().toISOString(),
});

const entry = (n: number): JournalEntry => ({
  id: randomUUID(),
  at: new Date().toISOString(),
  method: 'GET',
  path: `/v1/keys/${n}/verify`,
  status: 404,
  duration_ms: 1,
  principal: null,
  key_id: null,
  backup_id: null,
  request: { content_type: null, content_length: null },
  faults: [],
});

describe('SqliteStore', () => {
  it('gives back after a reopen exactly what it was given', () => {
    const dir = newDir();
    const store = openDataDir(dir);
    const key = signerKey();
    const backup = { ...fileBackup(key.keyId), metadata: { description: 'ünïcode ✓' } };
    store.insertKey(key);
    store.insertBackup(backup);
    store.close();
    const again = openDataDir(dir);
    const loaded = again.keyById(key.keyId);
    assert.ok(loaded);
    assert.deepEqual({ ...loaded, privateKey: undefined }, { ...key, privateKey: undefined });
    assert.equal(
      loaded.privateKey.export({ format: 'pem', type: 'pkcs8' }),
      key.privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    assert.deepEqual(again.backupById(backup.backupId), backup);
    assert.deepEqual(again.backupsOfKey(key.keyId), [backup]);
    assert.deepEqual(again.backupsByContent(backup.contentSha256), [backup]);
    assert.deepEqual(again.counts(), { keys: 1, backups: 1 });
    again.close();
  });

  it('rolls a failed transaction back in the database and in its key cache', () => {
    const store = openDataDir(newDir());
    const key = signerKey();
    assert.throws(() =>
      store.transaction(() => {
        store.insertKey(key);
        throw new Error('the second write failed');
      }),
    );
    assert.equal(store.keyById(key.keyId), undefined);
    assert.deepEqual(store.counts(), { keys: 0, backups: 0 });
    store.close();
  });

  it('refuses a backup whose key it does not hold', () => {
    const store = openDataDir(newDir());
    assert.throws(() => store.insertBackup(fileBackup(randomUUID())), /FOREIGN KEY/);
    store.close();
  });

  it('keeps the newest journal entries, up to the limit, across a reopen', () => {
    const dir = newDir();
    const store = openDataDir(dir);
    const journal = new DurableJournal(3, store);
    const entries = [1, 2, 3, 4, 5].map(entry);
    for (const e of entries) journal.record(e);
    store.close();
    const again = openDataDir(dir);
    const reloaded = new DurableJournal(3, again);
    assert.deepEqual(
      reloaded.list(10).map((e) => e.id),
      [entries[4], entries[3], entries[2]].map((e) => e?.id),
    );
    reloaded.clear();
    assert.deepEqual(again.recentJournal(10), []);
    again.close();
  });

  it('is locked to one process: a second open is refused while the first holds it', () => {
    const dir = newDir();
    const first = openDataDir(dir);
    assert.throws(() => openDataDir(dir), /in use by another process/);
    first.close();
    openDataDir(dir).close();
  });
});

describe('--data-dir at start', () => {
  it('names the file when it is not a database, and loads nothing', () => {
    const dir = tempDir('bad-data-');
    writeFileSync(join(dir, DATABASE_FILE), randomBytes(4096));
    assert.throws(
      () => openDataDir(dir),
      (error: Error) =>
        error.message.startsWith(join(dir, DATABASE_FILE)) &&
        /not a SQLite database/.test(error.message),
    );
  });

  it('names the file when a page was torn', () => {
    const dir = newDir();
    const store = openDataDir(dir);
    store.transaction(() => {
      for (let i = 0; i < 20; i += 1) store.insertKey(signerKey());
    });
    store.close();
    const file = join(dir, DATABASE_FILE);
    const bytes = readFileSync(file);
    randomBytes(4096).copy(bytes, 4096 * 2);
    writeFileSync(file, bytes);
    assert.throws(
      () => openDataDir(dir),
      (error: Error) =>
        error.message.startsWith(file) &&
        /corrupt|damaged|not a SQLite database/.test(error.message),
    );
  });

  it('a disk that fills up while the seeds are added: a clear error naming the file, and nothing added', () => {
    const dir = newDir();
    openDataDir(dir).close();
    const config = buildConfig({ dataDir: dir, seedFiles: vectorSeeds });
    // Twelve pages hold the schema but not the seeds' keys and backups: SQLite answers SQLITE_FULL, as on a full disk.
    assert.throws(
      () => openState(config, openDataDir(dir, { maxPageCount: 12 })),
      (error: Error) =>
        error.message.startsWith(join(dir, DATABASE_FILE)) &&
        /disk is full/.test(error.message) &&
        /nothing of them was added/.test(error.message),
    );
    const after = openDataDir(dir);
    assert.deepEqual(after.counts(), { keys: 0, backups: 0 });
    after.close();
  });

  it('a disk that fills up while serving: the write fails whole, and what was stored before stays', () => {
    const dir = newDir();
    const store = openDataDir(dir, { maxPageCount: 14 });
    const key = signerKey();
    store.insertKey(key);
    let stored = 0;
    assert.throws(() => {
      for (;;) {
        store.insertBackup({ ...fileBackup(key.keyId), metadata: { padding: 'x'.repeat(900) } });
        stored += 1;
      }
    }, /full/);
    assert.ok(stored > 0);
    assert.deepEqual(store.counts(), { keys: 1, backups: stored });
    store.close();
  });
});
