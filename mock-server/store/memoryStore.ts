import type { BackupRecord, KeyRecord } from '../model.ts';
import { PublicKeyEnds } from './publicKeyEnds.ts';
import type { Store } from './store.ts';

/** The default store: everything in memory, lost when the process stops. */
const assignmentKey = (userIdentifier: string, customerId: string | null) =>
  JSON.stringify([userIdentifier, customerId]);

export class MemoryStore implements Store {
  private readonly byId = new Map<string, KeyRecord>();
  private readonly byPublicKey = new Map<string, KeyRecord>();
  private readonly byAssignment = new Map<string, KeyRecord>();
  private readonly backups = new Map<string, BackupRecord>();
  private readonly backupsByHash = new Map<string, BackupRecord[]>();
  private readonly ends = new PublicKeyEnds();

  keyById(keyId: string) {
    return this.byId.get(keyId);
  }

  keyByPublicKey(publicKeyHexLower: string) {
    return this.byPublicKey.get(publicKeyHexLower);
  }

  keyByAssignment(userIdentifier: string, customerId: string | null) {
    return this.byAssignment.get(assignmentKey(userIdentifier, customerId));
  }

  userIdOf(userIdentifier: string, customerId: string | null) {
    return this.keyByAssignment(userIdentifier, customerId)?.userId;
  }

  keys() {
    return [...this.byId.values()];
  }

  keysNear(publicKeyHexLower: string) {
    return this.ends.near(publicKeyHexLower);
  }

  insertKey(record: KeyRecord) {
    if (this.byId.has(record.keyId) || this.byPublicKey.has(record.publicKeyHex)) {
      throw new Error(`key ${record.keyId} is already stored`);
    }
    this.byId.set(record.keyId, record);
    this.byPublicKey.set(record.publicKeyHex, record);
    this.ends.add(record);
    const assignment = assignmentKey(record.userIdentifier, record.customerId);
    if (!this.byAssignment.has(assignment)) this.byAssignment.set(assignment, record);
  }

  backupById(backupId: string) {
    return this.backups.get(backupId);
  }

  backupsByContent(contentSha256: string) {
    return this.backupsByHash.get(contentSha256) ?? [];
  }

  backupsOfKey(keyId: string) {
    return [...this.backups.values()].filter((backup) => backup.keyId === keyId);
  }

  allBackups() {
    return [...this.backups.values()];
  }

  insertBackup(record: BackupRecord) {
    this.backups.set(record.backupId, record);
    const same = this.backupsByHash.get(record.contentSha256) ?? [];
    same.push(record);
    this.backupsByHash.set(record.contentSha256, same);
  }

  counts() {
    return { keys: this.byId.size, backups: this.backups.size };
  }

  /**
   * Nothing to roll back to: callers check everything before they write (a seed is validated
   * whole before any of it is added), so a write here cannot fail half-way.
   */
  transaction<T>(work: () => T): T {
    return work();
  }

  close() {}

  clear() {
    this.byId.clear();
    this.byPublicKey.clear();
    this.byAssignment.clear();
    this.ends.clear();
    this.backups.clear();
    this.backupsByHash.clear();
  }
}
