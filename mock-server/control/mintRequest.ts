/** The body of `POST /_mock/tokens`: the scopes, lifetime and subject of a test JWT. */
import { z } from 'zod';

export const MintRequest = z.strictObject({
  scopes: z
    .array(z.string().regex(/^[\x21-\x7e]+$/))
    .max(16)
    .optional(),
  expires_in: z
    .number()
    .int()
    .min(-86_400 * 365)
    .max(86_400 * 365)
    .optional(),
  subject: z.string().min(1).max(256).optional(),
});
