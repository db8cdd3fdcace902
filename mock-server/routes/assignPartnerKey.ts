/**
 * POST /v1/partner/keys (operationId partnerAssignKey, reference §3.1).
 * parse → validate → issue (take key, sign, store) → 200.
 */
import type { Request, Response } from 'express';
import type { Principal } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { addFindings, requestContext } from '../diagnostics/requestContext.ts';
import { assignRequestOf, PartnerAssignKeyRequest } from '../keys/assignRequest.ts';
import { issueKey } from '../keys/issueKey.ts';
import { validateRequest } from './validation.ts';

export function assignPartnerKey(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { value: body, warnings } = validateRequest(PartnerAssignKeyRequest, req.body, {
      strict: deps.config.strictRequests,
    });
    addFindings(res, warnings);
    const {
      record,
      body: answer,
      findings,
    } = await issueKey(
      deps,
      assignRequestOf(body, body.key_environment, true),
      res.locals.principal as Principal,
    );
    requestContext(res).keyId = record.keyId;
    addFindings(res, findings);
    res.status(200).json(answer);
  };
}
