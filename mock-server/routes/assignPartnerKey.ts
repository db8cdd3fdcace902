/**
 * POST /v1/partner/keys (operationId partnerAssignKey, reference §3.1).
 * parse → validate → issue (take key, sign, store) → 200.
 */
import type { Request, Response } from 'express';
import type { Principal } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { requestContext } from '../diagnostics/requestContext.ts';
import { assignRequestOf, PartnerAssignKeyRequest } from '../keys/assignRequest.ts';
import { issueKey } from '../keys/issueKey.ts';
import { validate } from './validation.ts';

export function assignPartnerKey(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = validate(PartnerAssignKeyRequest, req.body);
    const { record, body: answer } = await issueKey(deps, assignRequestOf(body, body.key_environment, true), res.locals.principal as Principal);
    requestContext(res).keyId = record.keyId;
    res.status(200).json(answer);
  };
}
