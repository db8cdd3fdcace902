/**
 * The --data-dir store: SQLite through better-sqlite3, whose synchronous API keeps the Store
 * interface synchronous. Every write is its own transaction (or part of the caller's), committed
 * before the handler answers, so an acknowledged key or backup survives a kill. Keys are also held
 * in memory (a MemoryStore), loaded and checked at open: the forensics walk them on every
 * failure and need their parsed private keys. Backups are read from the database.
 * Open one with openDataDir (dataDir.ts), which does the checks.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JournalEntry } from '../diagnostics/journal.ts';
import type { JournalLog } from './durableJournal.ts';
import { MemoryStore } from './memoryStore.ts';
import type { BackupRecord, KeyRecord } from '../model.ts';
import type { BackupRow } from './sqliteSchema.ts';
import type { Store } from './store.ts';

const toBackup = (row: BackupRow): BackupRecord => ({
  backupId: row.backup_id,
  keyId: row.key_id,
  backupType: row.backup_type,
  checksum: row.checksum,
  dataSize: row.data_size,
  ciphertext: row.ciphertext,
  contentSha256: row.content_sha256,
  metadata: JSON.parse(row.metadata) as Record<string, string>,
  createdAt: row.created_at,
});

export class SqliteStore implements Store, JournalLog {
  private readonly cache = new MemoryStore();
  private readonly sql: Record<string, Statement>;

  /** `loadKeys` reads and checks every key row; it runs now and again whenever a transaction rolls back. */
  constructor(
    private readonly db: Database,
    private readonly loadKeys: () => KeyRecord[],
  ) {
    const prepare = (text: string) => db.prepare(text);
    this.sql = {
      insertKey:
        prepare(`INSERT INTO keys (key_id, key_type, key_environment, user_identifier, user_id, customer_id, customer_name, package_id, package_name,
        public_key_hex, private_key_pem, created_at, pulled_by_id, pulled_by_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertBackup:
        prepare(`INSERT INTO backups (backup_id, key_id, backup_type, checksum, data_size, ciphertext, content_sha256, metadata, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      backupById: prepare('SELECT * FROM backups WHERE backup_id = ?'),
      backupsByContent: prepare('SELECT * FROM backups WHERE content_sha256 = ? ORDER BY seq'),
      backupsOfKey: prepare('SELECT * FROM backups WHERE key_id = ? ORDER BY seq'),
      allBackups: prepare('SELECT * FROM backups ORDER BY seq'),
      countBackups: prepare('SELECT count(*) AS n FROM backups').pluck(),
      appendJournal: prepare('INSERT INTO journal (request_id, entry) VALUES (?, ?)'),
      trimJournal: prepare('DELETE FROM journal WHERE seq <= ?'),
      recentJournal: prepare('SELECT entry FROM journal ORDER BY seq DESC LIMIT ?').pluck(),
    };
    this.reloadKeys();
  }

  keyById(keyId: string) {
    return this.cache.keyById(keyId);
  }

  keyByPublicKey(publicKeyHexLower: string) {
    return this.cache.keyByPublicKey(publicKeyHexLower);
  }

  keyByAssignment(userIdentifier: string, customerId: string | null) {
    return this.cache.keyByAssignment(userIdentifier, customerId);
  }

  userIdOf(userIdentifier: string, customerId: string | null) {
    return this.cache.userIdOf(userIdentifier, customerId);
  }

  keys() {
    return this.cache.keys();
  }

  keysNear(publicKeyHexLower: string) {
    return this.cache.keysNear(publicKeyHexLower);
  }

  insertKey(k: KeyRecord) {
    this.transaction(() => {
      const pem = k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      this.sql.insertKey!.run(
        k.keyId,
        k.keyType,
        k.keyEnvironment,
        k.userIdentifier,
        k.userId,
        k.customerId,
        k.customerName,
        k.packageId,
        k.packageName,
        k.publicKeyHex,
        pem,
        k.createdAt,
        k.pulledBy?.id ?? null,
        k.pulledBy?.type ?? null,
      );
      this.cache.insertKey(k);
    });
  }

  backupById(backupId: string) {
    const row = this.sql.backupById!.get(backupId) as BackupRow | undefined;
    return row && toBackup(row);
  }

  backupsByContent(contentSha256: string) {
    return (this.sql.backupsByContent!.all(contentSha256) as BackupRow[]).map(toBackup);
  }

  backupsOfKey(keyId: string) {
    return (this.sql.backupsOfKey!.all(keyId) as BackupRow[]).map(toBackup);
  }

  allBackups() {
    return (this.sql.allBackups!.all() as BackupRow[]).map(toBackup);
  }

  insertBackup(b: BackupRecord) {
    this.sql.insertBackup!.run(
      b.backupId,
      b.keyId,
      b.backupType,
      b.checksum,
      b.dataSize,
      b.ciphertext,
      b.contentSha256,
      JSON.stringify(b.metadata),
      b.createdAt,
    );
  }

  counts() {
    return { keys: this.cache.counts().keys, backups: this.sql.countBackups!.get() as number };
  }

  clear() {
    this.transaction(() => {
      this.db.exec('DELETE FROM backups; DELETE FROM keys;');
      this.cache.clear();
    });
  }

  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      // The database rolled back; the key cache may hold keys it no longer has.
      if (!this.db.inTransaction) this.reloadKeys();
      throw error;
    }
  }

  close() {
    if (this.db.open) this.db.close();
  }

  /**
   * Journal entries are committed without waiting for the disk (synchronous NORMAL, still safe
   * against a killed process); the next key or backup commit syncs them with it. Stores keep
   * synchronous FULL, so an acknowledged store survives even a power cut.
   */
  appendJournal(entry: JournalEntry, limit: number) {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        const { lastInsertRowid } = this.sql.appendJournal!.run(entry.id, JSON.stringify(entry));
        this.sql.trimJournal!.run(Number(lastInsertRowid) - limit);
      })();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  recentJournal(limit: number): JournalEntry[] {
    return (this.sql.recentJournal!.all(limit) as string[])
      .map((entry) => JSON.parse(entry) as JournalEntry)
      .reverse();
  }

  clearJournal() {
    this.db.exec('DELETE FROM journal');
  }

  private reloadKeys() {
    this.cache.clear();
    for (const key of this.loadKeys()) this.cache.insertKey(key);
  }
}
