/**
 * The one storage interface. Synchronous on purpose: each request's writes happen in one
 * uninterrupted step after all validation and crypto, so a failed request never leaves a half-written state.
 */
import type { BackupRecord, KeyRecord } from './records.ts';

export interface Store {
  keyById(keyId: string): KeyRecord | undefined;
  keyByPublicKey(publicKeyHexLower: string): KeyRecord | undefined;
  /** The key a partner assignment already gave this user in this organisation (reference §3.1, 409). */
  keyByAssignment(userIdentifier: string, customerId: string | null): KeyRecord | undefined;
  /** The internal user id already given to this user in this organisation, if any. */
  userIdOf(userIdentifier: string, customerId: string | null): string | undefined;
  keys(): readonly KeyRecord[];
  insertKey(record: KeyRecord): void;
  backupById(backupId: string): BackupRecord | undefined;
  backupsByContent(contentSha256: string): readonly BackupRecord[];
  /** Every backup stored under a key, oldest first. */
  backupsOfKey(keyId: string): readonly BackupRecord[];
  insertBackup(record: BackupRecord): void;
  counts(): { keys: number; backups: number };
  clear(): void;
}
