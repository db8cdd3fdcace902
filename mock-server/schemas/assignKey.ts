/**
 * The request and response bodies of both assign endpoints (reference §3.1, §4.1): the app
 * validates with them and the OpenAPI document is generated from them. The standard request is
 * the partner one with only user_identifier and key_type required.
 */
import { z } from 'zod';
import {
  DEFAULT_KEY_ENVIRONMENT,
  KeyEnvironmentSchema,
  KeyTypeSchema,
  organisation,
  packageSchema,
  PLAUSIBLE_CHARS,
} from './fields.ts';
import { readings, objectOf, text } from './readings.ts';
import { signWithSchema } from './signWith.ts';

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

/** The default is applied by the operation, so that it can name the key_environment_defaulted warning. */
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

/** Either assign request, as validated (the partner one is the standard one with more required). */
export type AssignKeyBody = z.output<typeof AssignKeyRequest.faithful>;
export type PartnerAssignKeyBody = z.output<typeof PartnerAssignKeyRequest.faithful>;

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
export type AssignResponse = z.output<typeof AssignKeyResponse>;
