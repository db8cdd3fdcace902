/**
 * The response bodies of the storage endpoints (reference §3.2, §3.3, §4.3, §4.4) as zod schemas,
 * for the OpenAPI document. The compile-time checks below fail the typecheck if a handler's
 * response type and its documented schema drift apart.
 */
import { z } from 'zod';
import type { SecureDataResponse as DataBody } from './storeSecureData.ts';
import type { SecureFileResponse as FileBody } from './storeSecureFile.ts';

const CombinedMetadata = z.record(z.string(), z.string()).meta({
  description:
    'The request metadata plus key_id, key_environment and stored_at (and original_filename from a file part).',
});

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

export const SecureFileResponse = z.object({
  backup_id: z.uuid(),
  backup_type: z.literal('file'),
  metadata: CombinedMetadata,
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const RESPONSE_TYPES_MATCH: [
  Same<z.output<typeof SecureDataResponse>, DataBody>,
  Same<z.output<typeof SecureFileResponse>, FileBody>,
] = [true, true];
