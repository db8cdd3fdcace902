/** POST /v1/partner/secure/file (operationId partnerStoreSecureFile, reference §3.3). */
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { respondStored } from '../storage/respondStored.ts';
import { storeSecureFile } from '../storage/storeSecureFile.ts';

export function storePartnerSecureFile(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    respondStored(deps, res, storeSecureFile(deps, req, res));
  };
}
