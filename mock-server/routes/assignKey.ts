/**
 * POST /v1/keys (operationId assignKey, reference §4.1): the standard assignment. Only
 * user_identifier and key_type are required; key_environment defaults to HOT, which is named as
 * the key_environment_defaulted warning (a common mistake in the institutional guides, §10).
 * The reference documents no 409 here, and an institution assigns one key per wallet or signer,
 * so a user may hold several keys.
 * parse → validate → issue (take or generate a key, sign, store) → 200.
 */
import type { Request, Response } from 'express';
import type { Principal } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { finding } from '../diagnostics/findings.ts';
import { addFindings, requestContext } from '../diagnostics/requestContext.ts';
import {
  AssignKeyRequest,
  assignRequestOf,
  DEFAULT_KEY_ENVIRONMENT,
} from '../keys/assignRequest.ts';
import { issueKey } from '../keys/issueKey.ts';
import { validateRequest } from './validation.ts';

export function assignKey(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { value: body, warnings } = validateRequest(AssignKeyRequest, req.body, {
      strict: deps.config.strictRequests,
    });
    addFindings(res, warnings);
    const keyEnvironment = body.key_environment ?? DEFAULT_KEY_ENVIRONMENT;
    const {
      record,
      body: answer,
      findings,
    } = await issueKey(
      deps,
      assignRequestOf(body, keyEnvironment, false),
      res.locals.principal as Principal,
    );
    requestContext(res).keyId = record.keyId;
    addFindings(res, findings);
    if (body.key_environment === undefined) {
      addFindings(res, [
        finding(
          'key_environment_defaulted',
          `key_environment was not sent, so key ${record.keyId} was assigned in ${DEFAULT_KEY_ENVIRONMENT}, for its whole life.`,
          {
            key_id: record.keyId,
            key_environment: DEFAULT_KEY_ENVIRONMENT,
          },
        ),
      ]);
    }
    res.status(200).json(answer);
  };
}
