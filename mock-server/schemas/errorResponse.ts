/** The one error body of the /v1 surface (reference §7): `{error, message}`. */
import { z } from 'zod';

export const ErrorResponse = z.object({
  error: z.string().meta({ description: 'Error type: the HTTP reason phrase.' }),
  message: z.string().meta({
    description:
      'Error message. A validation error names each field and its problem ("checksum: must be 64 hex characters…"). A mock started with --validation-errors object answers an object of problems keyed by field instead.',
  }),
});
