/**
 * POST /v1/partner/keys (operationId partnerAssignKey, reference §3.1).
 * parse → validate → issue (take key, sign, store) → 200.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { requestContext } from '../diagnostics/requestContext.ts';
import { issueKey } from '../keys/issueKey.ts';
import { SignWithSchema, type SignWithField } from '../keys/signWith.ts';
import { validate } from './validation.ts';

/** No lengths are published for these strings; 256 characters is the mock's bound. */
const text = z.string().max(256);

export const Organisation = z.strictObject({ customer_id: text.optional(), customer_name: text.optional() });
export const Package = z.strictObject({ package_id: text.optional(), package_name: text.optional() });
export const KeyTypeSchema = z.enum(['rsa4096', 'secp256k1', 'ed25519']);
export const KeyEnvironmentSchema = z.enum(['HOT', 'COLD']);

export const PartnerAssignKeyRequest = z.strictObject({
  user_identifier: z.string().min(1).max(256),
  key_type: KeyTypeSchema,
  key_environment: KeyEnvironmentSchema,
  organisation: Organisation,
  package: Package,
  sign_with: SignWithSchema.optional(),
});

export function assignPartnerKey(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = validate(PartnerAssignKeyRequest, req.body);
    const { record, body: answer } = await issueKey(
      deps,
      {
        userIdentifier: body.user_identifier,
        keyType: body.key_type,
        keyEnvironment: body.key_environment,
        customerId: body.organisation.customer_id ?? null,
        customerName: body.organisation.customer_name ?? null,
        packageId: body.package.package_id ?? null,
        packageName: body.package.package_name ?? null,
        signWith: body.sign_with as SignWithField[] | undefined,
        uniquePerUser: true,
      },
      res.locals.principal as Principal,
    );
    requestContext(res).keyId = record.keyId;
    res.status(200).json(answer);
  };
}
