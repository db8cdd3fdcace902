/**
 * The request and response bodies of both secure/data endpoints (reference §3.2, §4.3). The
 * partner endpoint requires checksum; the standard one makes it optional.
 */
import { z } from 'zod';
import { ChecksumField, CombinedMetadata, metadata, PublicKeyField } from './fields.ts';
import { objectOf, readings } from './readings.ts';

const secureDataRequest = <C extends z.ZodType<string | undefined>>(checksum: C) =>
  readings((strict) =>
    objectOf(strict)({
      public_key: PublicKeyField,
      checksum,
      data: z.string().min(1, 'must be the base64 ciphertext'),
      padding_type: z.literal('OAEP', 'must be OAEP (the only supported padding)').default('OAEP'),
      metadata: metadata(strict).optional(),
    }),
  );

export const PartnerSecureDataRequest = secureDataRequest(ChecksumField);
export const SecureDataRequest = secureDataRequest(ChecksumField.optional());

/** Either secure/data request, as validated. */
export type SecureDataBody = z.output<typeof SecureDataRequest.faithful>;

export const SecureDataResponse = z.object({
  backup_id: z.uuid(),
  checksum: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .meta({
      description:
        'The SHA-256 of the plaintext that was verified; absent when none was sent (standard endpoint), as the document types it a string, never null.',
    }),
  data_size: z.int().meta({ description: 'Bytes of the decoded ciphertext.' }),
  backup_type: z.literal('data'),
  metadata: CombinedMetadata,
});
export type SecureDataResponseBody = z.output<typeof SecureDataResponse>;
