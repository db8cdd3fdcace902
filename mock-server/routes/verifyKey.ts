/**
 * GET /v1/keys/{keyId}/verify (operationId verifyKey, reference §4.2), also served at
 * /v1/hot/keys/{keyId}/verify, the path the "Back up key material" guide uses.
 * validated id → load the key (404) → check the pair → 200.
 */
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { finding } from '../diagnostics/findings.ts';
import { apiError, MESSAGES } from '../errors.ts';
import type { Call } from '../http/operation.ts';
import { checkKey } from '../keys/checkKey.ts';
import { VerifyKeyResponse, type VerifyKeyParams } from '../schemas/verify.ts';

export function verifyKey(deps: AppDeps) {
  return async ({ params, report }: Call<unknown, z.output<typeof VerifyKeyParams>>) => {
    const key = deps.store.keyById(params.keyId);
    if (!key)
      throw apiError('unknown_id', MESSAGES.KEY_NOT_FOUND, [
        finding('unknown_id', 'The key id in the path names no key this mock holds.'),
      ]);
    report.keyId = key.keyId;
    return VerifyKeyResponse.parse(checkKey(key));
  };
}
