/**
 * GET /v1/backups/{backupId}/verify (operationId verifyBackup, reference §4.5), also served at
 * /v1/hot/backups/{backupId}/verify, the path the "Back up key material" guide uses.
 * parse → validate the id → load the backup (404) and its key → decrypt and re-check → 200.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { requestContext } from '../diagnostics/requestContext.ts';
import { MESSAGES, notFound } from '../errors.ts';
import { BACKUP_CHECK_MESSAGES, checkBackup } from '../storage/checkBackup.ts';
import { idParams, validate } from './validation.ts';

export const VerifyBackupParams = idParams('backupId');

export const VerifyBackupResponse = z.object({
  is_backup_valid: z.boolean().meta({
    description:
      'False also when the backup could not be checked (a cold backup); message says which.',
  }),
  message: z.string().meta({ examples: [BACKUP_CHECK_MESSAGES.VALID, BACKUP_CHECK_MESSAGES.COLD] }),
});

export function verifyBackup(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { backupId } = validate(VerifyBackupParams, { ...req.params });
    const backup = deps.store.backupById(backupId);
    if (!backup) throw notFound(MESSAGES.BACKUP_NOT_FOUND);
    const context = requestContext(res);
    context.backupId = backup.backupId;
    context.keyId = backup.keyId;
    res
      .status(200)
      .json(
        VerifyBackupResponse.parse(
          await checkBackup(deps.rsa, backup, deps.store.keyById(backup.keyId)),
        ),
      );
  };
}
