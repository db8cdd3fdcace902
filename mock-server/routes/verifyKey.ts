/**
 * GET /v1/keys/{keyId}/verify (operationId verifyKey, reference §4.2), also served at
 * /v1/hot/keys/{keyId}/verify, the path the "Back up key material" guide uses.
 * parse → validate the id → load the key (404) → check the pair → 200.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { requestContext } from '../diagnostics/requestContext.ts';
import { MESSAGES, notFound } from '../errors.ts';
import { checkKey, KEY_CHECK_MESSAGES } from '../keys/checkKey.ts';
import { idParams, validate } from './validation.ts';

export const VerifyKeyParams = idParams('keyId');

export const VerifyKeyResponse = z.object({
  message: z.string().meta({ examples: [KEY_CHECK_MESSAGES.VALID] }),
  is_key_valid: z.boolean(),
});

export function verifyKey(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { keyId } = validate(VerifyKeyParams, { ...req.params });
    const key = deps.store.keyById(keyId);
    if (!key) throw notFound(MESSAGES.KEY_NOT_FOUND);
    requestContext(res).keyId = key.keyId;
    res.status(200).json(VerifyKeyResponse.parse(checkKey(key)));
  };
}
