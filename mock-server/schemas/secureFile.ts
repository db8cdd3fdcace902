/**
 * The multipart text parts and the response of both secure/file endpoints (reference §3.3,
 * §4.4). The file part itself is read by the transport and checked by the store.
 */
import { z } from 'zod';
import { CombinedMetadata, metadata, PublicKeyField } from './fields.ts';
import { objectOf, readings } from './readings.ts';

export const FILE_PART_CONTENT_TYPE = 'application/octet-stream';

/** The metadata part arrives as a JSON string (reference §3.3 curl example). */
const metadataPart = (strict: boolean) => {
  const { $schema: _dialect, ...metadataSchema } = z.toJSONSchema(metadata(strict), {
    io: 'input',
  });
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(metadata(strict))
    .meta({
      contentMediaType: 'application/json',
      contentSchema: metadataSchema,
      description: 'A JSON object as a text part.',
    });
};

export const SecureFileFields = readings((strict) =>
  objectOf(strict)({ public_key: PublicKeyField, metadata: metadataPart(strict).optional() }),
);
export type SecureFileBody = z.output<typeof SecureFileFields.faithful>;

/** The file part's filename becomes metadata.original_filename, with that field's bounds. */
export const filenameRule = (strict: boolean) => metadata(strict).shape.original_filename;

export const SecureFileResponse = z.object({
  backup_id: z.uuid(),
  backup_type: z.literal('file'),
  metadata: CombinedMetadata,
});
export type SecureFileResponseBody = z.output<typeof SecureFileResponse>;
