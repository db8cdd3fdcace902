/**
 * POST /v1/secure/data (operationId storeSecureData, reference §4.3): as the partner endpoint, but
 * checksum is optional. Without one the data must still decrypt under the key; with one it is
 * verified exactly as on the partner endpoint, with the same forensics.
 */
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { respondStored } from '../storage/respondStored.ts';
import { ChecksumField, secureDataRequest, storeSecureData } from '../storage/storeSecureData.ts';

export const SecureDataRequest = secureDataRequest(ChecksumField.optional());

export function storeStandardSecureData(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    respondStored(deps, res, await storeSecureData(deps, res, req.body, SecureDataRequest));
  };
}
