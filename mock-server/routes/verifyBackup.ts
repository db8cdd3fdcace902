/**
 * GET /v1/backups/{backupId}/verify (operationId verifyBackup, reference §4.5), also served at
 * /v1/hot/backups/{backupId}/verify, the path the "Back up key material" guide uses.
 * validated id → load the backup (404) and its key → decrypt and re-check → 200.
 */
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { Call } from '../http/operation.ts';
import { VerifyBackupResponse, type VerifyBackupParams } from '../schemas/verify.ts';
import { checkBackupById } from '../storage/checkBackup.ts';

export function verifyBackup(deps: AppDeps) {
  return async ({ params, report }: Call<unknown, z.output<typeof VerifyBackupParams>>) =>
    VerifyBackupResponse.parse(await checkBackupById(deps, params.backupId, report));
}
