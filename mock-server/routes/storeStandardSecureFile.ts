/**
 * POST /v1/secure/file (operationId storeSecureFile, reference §4.4): the same multipart shape and
 * limits as the partner endpoint. The reference lists no 413 or 415 here, but the CLI treats 10 MB
 * as the ceiling of every secure-file upload, so the mock answers them as the partner endpoint does.
 */
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { respondStored } from '../storage/respondStored.ts';
import { storeSecureFile } from '../storage/storeSecureFile.ts';

export function storeStandardSecureFile(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    respondStored(deps, res, storeSecureFile(deps, req, res));
  };
}
