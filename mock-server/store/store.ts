/**
 * The one storage interface. Synchronous on purpose: each request's writes happen in one
 * uninterrupted step after all validation and crypto, so a failed request never leaves a half-written state.
 * Two implementations: MemoryStore (the default) and SqliteStore (--data-dir).
 */
import type { BackupRecord, KeyRecord } from '../model.ts';

export interface Store {
  keyById(keyId: string): KeyRecord | undefined;
  keyByPublicKey(publicKeyHexLower: string): KeyRecord | undefined;
  /** The key a partner assignment already gave this user in this organisation (reference §3.1, 409). */
  keyByAssignment(userIdentifier: string, customerId: string | null): KeyRecord | undefined;
  /** The internal user id already given to this user in this organisation, if any. */
  userIdOf(userIdentifier: string, customerId: string | null): string | undefined;
  /**
   * Keys whose public key hex shares its first or last characters with `publicKeyHexLower`: every
   * key one byte or nibble away from it is among them. An index, so that a bad public_key never
   * walks every key.
   */
  keysNear(publicKeyHexLower: string): readonly KeyRecord[];
  /** Every key, oldest first. */
  keys(): readonly KeyRecord[];
  insertKey(record: KeyRecord): void;
  backupById(backupId: string): BackupRecord | undefined;
  backupsByContent(contentSha256: string): readonly BackupRecord[];
  /** Every backup stored under a key, oldest first. */
  backupsOfKey(keyId: string): readonly BackupRecord[];
  /** Every backup, oldest first (for snapshots). */
  allBackups(): readonly BackupRecord[];
  insertBackup(record: BackupRecord): void;
  counts(): { keys: number; backups: number };
  clear(): void;
  /**
   * Runs `work` as one transaction: every write in it lands, or (when it throws) none does. Used
   * where one step writes more than one record, such as loading a seed file.
   */
  transaction<T>(work: () => T): T;
  /** Releases the store (the database file and its lock). */
  close(): void;
}
