/**
 * GET /v1/keys/{keyId}/verify (operationId verifyKey, reference §4.2), also served at
 * /v1/hot/keys/{keyId}/verify, the path the "Back up key material" guide uses.
 * validated id → load the key (404) → check the pair → 200.
 */
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { Call } from '../http/operation.ts';
import { checkKeyById } from '../keys/checkKey.ts';
import { VerifyKeyResponse, type VerifyKeyParams } from '../schemas/verify.ts';

export function verifyKey(deps: AppDeps) {
  return async ({ params, report }: Call<unknown, z.output<typeof VerifyKeyParams>>) =>
    VerifyKeyResponse.parse(checkKeyById(deps.store, params.keyId, report));
}
