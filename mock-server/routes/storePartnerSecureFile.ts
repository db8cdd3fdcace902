/** POST /v1/partner/secure/file (operationId partnerStoreSecureFile, reference §3.3). */
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { storeSecureFile } from '../storage/storeSecureFile.ts';

export function storePartnerSecureFile(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    res.status(200).json(storeSecureFile(deps, req, res));
  };
}
