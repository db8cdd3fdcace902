/** POST /v1/partner/secure/data (operationId partnerStoreSecureData, reference §3.2): checksum required. */
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { respondStored } from '../storage/respondStored.ts';
import { ChecksumField, secureDataRequest, storeSecureData } from '../storage/storeSecureData.ts';

export const PartnerSecureDataRequest = secureDataRequest(ChecksumField);

export function storePartnerSecureData(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    respondStored(deps, res, await storeSecureData(deps, res, req.body, PartnerSecureDataRequest));
  };
}
