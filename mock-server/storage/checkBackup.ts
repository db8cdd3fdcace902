/**
 * The backup check behind GET /v1/backups/{backupId}/verify (reference §4.5), as Control's
 * Assurance check describes it: decrypt the stored item inside the enclave and compare it with the
 * checksum recorded at storage. Cold backups are held offline and cannot be checked, so they are
 * never reported valid; the message says why. The plaintext is checked and wiped on the RSA worker.
 */
import { wipeResult } from '../crypto/checkedDecrypt.ts';
import type { RsaWorkerPool } from '../crypto/rsaWorkerPool.ts';
import { rsaKeyOf } from '../crypto/keyCache.ts';
import { finding } from '../diagnostics/findings.ts';
import type { Report } from '../diagnostics/report.ts';
import { apiError, MESSAGES } from '../errors.ts';
import type { BackupRecord, KeyRecord } from '../model.ts';
import { BACKUP_CHECK_MESSAGES, type BackupCheck } from '../schemas/verify.ts';
import type { StorageDeps } from './storageDeps.ts';

/** The messages are the response schema's (schemas/verify.ts); named here too for the step library. */
export { BACKUP_CHECK_MESSAGES };

const answer = (valid: boolean, message: string): BackupCheck => ({
  is_backup_valid: valid,
  message,
});

export async function checkBackup(
  rsa: RsaWorkerPool,
  backup: BackupRecord,
  key: KeyRecord | undefined,
): Promise<BackupCheck> {
  if (!key) return answer(false, BACKUP_CHECK_MESSAGES.KEY_MISSING);
  if (key.keyEnvironment === 'COLD') return answer(false, BACKUP_CHECK_MESSAGES.COLD);
  if (backup.backupType === 'file' || backup.ciphertext === null)
    return answer(true, BACKUP_CHECK_MESSAGES.VALID_FILE);
  const result = await rsa.decrypt(rsaKeyOf(key), backup.ciphertext, backup.checksum);
  if (result.ok)
    return backup.checksum === null
      ? answer(true, BACKUP_CHECK_MESSAGES.VALID_NO_CHECKSUM)
      : answer(true, BACKUP_CHECK_MESSAGES.VALID);
  const decoded = result.plaintext !== null;
  wipeResult(result);
  return decoded
    ? answer(false, BACKUP_CHECK_MESSAGES.CHECKSUM_MISMATCH)
    : answer(false, BACKUP_CHECK_MESSAGES.UNDECRYPTABLE);
}

/** The check of the backup an id names, under its key: 404 (unknown_id) when it names none. */
export async function checkBackupById(
  deps: Pick<StorageDeps, 'store' | 'rsa'>,
  backupId: string,
  report: Report,
): Promise<BackupCheck> {
  const backup = deps.store.backupById(backupId);
  if (!backup)
    throw apiError('unknown_id', MESSAGES.BACKUP_NOT_FOUND, [
      finding('unknown_id', 'The backup id in the path names no backup this mock holds.'),
    ]);
  report.backupId = backup.backupId;
  report.keyId = backup.keyId;
  return checkBackup(deps.rsa, backup, deps.store.keyById(backup.keyId));
}
