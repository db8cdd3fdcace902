/**
 * GET /v1/backups/{backupId}/verify (operationId verifyBackup, reference §4.5), also served at
 * /v1/hot/backups/{backupId}/verify, the path the "Back up key material" guide uses.
 * validated id → load the backup (404) and its key → decrypt and re-check → 200.
 */
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { finding } from '../diagnostics/findings.ts';
import { apiError, MESSAGES } from '../errors.ts';
import type { Call } from '../http/operation.ts';
import { VerifyBackupResponse, type VerifyBackupParams } from '../schemas/verify.ts';
import { checkBackup } from '../storage/checkBackup.ts';

export function verifyBackup(deps: AppDeps) {
  return async ({ params, report }: Call<unknown, z.output<typeof VerifyBackupParams>>) => {
    const backup = deps.store.backupById(params.backupId);
    if (!backup)
      throw apiError('unknown_id', MESSAGES.BACKUP_NOT_FOUND, [
        finding('unknown_id', 'The backup id in the path names no backup this mock holds.'),
      ]);
    report.backupId = backup.backupId;
    report.keyId = backup.keyId;
    return VerifyBackupResponse.parse(
      await checkBackup(deps.rsa, backup, deps.store.keyById(backup.keyId)),
    );
  };
}
