/**
 * The request and response bodies of both assign endpoints (reference §3.1, §4.1), as zod schemas:
 * the routes validate with them and the OpenAPI document is generated from them. The standard
 * request is the partner one with only user_identifier and key_type required.
 */
import { z } from 'zod';
import type { KeyEnvironment } from '../model.ts';
import type { AssignRequest } from './issueKey.ts';
import { objectOf, readings, text } from '../schemas/readings.ts';
import { distinctFields, signWithSchema } from './signWith.ts';

/** No lengths are published for these strings; 256 characters is the strict reading's bound. */
const PLAUSIBLE_CHARS = 256;

export const organisation = (strict: boolean) =>
  objectOf(strict)({
    customer_id: text(strict, PLAUSIBLE_CHARS).optional(),
    customer_name: text(strict, PLAUSIBLE_CHARS).optional(),
  });
export const packageSchema = (strict: boolean) =>
  objectOf(strict)({
    package_id: text(strict, PLAUSIBLE_CHARS).optional(),
    package_name: text(strict, PLAUSIBLE_CHARS).optional(),
  });
export const KeyTypeSchema = z.enum(['rsa4096', 'secp256k1', 'ed25519']).meta({
  description: 'rsa4096 encrypts recovery material; secp256k1 and ed25519 are backup-signer keys.',
});
export const KeyEnvironmentSchema = z
  .enum(['HOT', 'COLD'])
  .meta({ description: 'Fixed for the life of the key.' });

/** An empty user_identifier is refused in both readings: no real service can key a user on it. */
const partnerAssignKeyRequest = (strict: boolean) =>
  objectOf(strict)({
    user_identifier: text(strict, PLAUSIBLE_CHARS).min(1),
    key_type: KeyTypeSchema,
    key_environment: KeyEnvironmentSchema,
    organisation: organisation(strict),
    package: packageSchema(strict),
    sign_with: signWithSchema(strict).optional(),
  });

export const PartnerAssignKeyRequest = readings(partnerAssignKeyRequest);

/** The default is applied by the route, so that it can name the key_environment_defaulted warning. */
export const DEFAULT_KEY_ENVIRONMENT: KeyEnvironment = 'HOT';

export const AssignKeyRequest = readings((strict) =>
  partnerAssignKeyRequest(strict).extend({
    key_environment: KeyEnvironmentSchema.optional().meta({
      default: DEFAULT_KEY_ENVIRONMENT,
      description: 'Defaults to HOT.',
    }),
    organisation: organisation(strict).optional(),
    package: packageSchema(strict).optional(),
  }),
);

export const AssignKeyResponse = z.object({
  key_id: z.uuid(),
  public_key: z
    .string()
    .regex(/^[0-9a-f]+$/)
    .meta({
      description:
        'Hex. rsa4096: the DER SubjectPublicKeyInfo (550 bytes); secp256k1: the 33-byte compressed point; ed25519: the 32-byte public key.',
    }),
  signature: z.base64().meta({
    description:
      'Standard base64 of a DER ECDSA P-256/SHA-256 signature by the enclave key in the JWKS.',
  }),
  signed_payload: z.string().optional().meta({
    description:
      'RFC 8785 canonical JSON of public_key and the sign_with fields; only with sign_with.',
  }),
  signed_fields: z
    .array(z.string())
    .optional()
    .meta({ description: 'The sign_with fields in request order; only with sign_with.' }),
  customer_id: z.string().nullable(),
  package_id: z.string().nullable(),
  metadata: z.object({ customer_name: z.string().nullable(), package_name: z.string().nullable() }),
});

/** The fields issueKey takes, from either request. */
export function assignRequestOf(
  body: z.output<typeof AssignKeyRequest.faithful>,
  keyEnvironment: KeyEnvironment,
  uniquePerUser: boolean,
): AssignRequest {
  return {
    userIdentifier: body.user_identifier,
    keyType: body.key_type,
    keyEnvironment,
    customerId: body.organisation?.customer_id ?? null,
    customerName: body.organisation?.customer_name ?? null,
    packageId: body.package?.package_id ?? null,
    packageName: body.package?.package_name ?? null,
    signWith: body.sign_with === undefined ? undefined : distinctFields(body.sign_with),
    uniquePerUser,
  };
}
