/**
 * The fields more than one operation shares: public_key, checksum, metadata, the key enums, the
 * organisation and package objects, and the UUID path parameters, each with its documented rule
 * (reference §3, §4) and, where no length is published, the strict reading's plausible bound.
 */
import { z } from 'zod';
import type { KeyEnvironment } from '../model.ts';
import { objectOf, text } from './readings.ts';

export const HEX_PUBLIC_KEY = /^[0-9a-fA-F]+$/;
export const SHA256_HEX = /^[a-fA-F0-9]{64}$/;

/** The documented public_key field of every storage request (reference §3.2): hex, 32 to 4096 characters. */
export const publicKeyMessage = 'must be a hex string of 32 to 4096 characters';

export const PublicKeyField = z
  .string()
  .min(32, publicKeyMessage)
  .max(4096, publicKeyMessage)
  .regex(HEX_PUBLIC_KEY, publicKeyMessage);

export const ChecksumField = z
  .string()
  .regex(SHA256_HEX, 'must be 64 hex characters: the SHA-256 of the plaintext');

/** The documented metadata fields; no lengths are published, so the strict bounds are the mock's own. */
export const metadata = (strict: boolean) =>
  objectOf(strict)({
    description: text(strict, 1024).optional(),
    content_type: text(strict, 256).optional(),
    original_filename: text(strict, 1024).optional(),
  });

/** The metadata a storage endpoint answers: what the request sent, plus what the mock adds. */
export const CombinedMetadata = z.record(z.string(), z.string()).meta({
  description:
    'The request metadata plus key_id, key_environment and stored_at (and original_filename from a file part).',
});

export const KeyTypeSchema = z.enum(['rsa4096', 'secp256k1', 'ed25519']).meta({
  description: 'rsa4096 encrypts recovery material; secp256k1 and ed25519 are backup-signer keys.',
});
export const KeyEnvironmentSchema = z
  .enum(['HOT', 'COLD'])
  .meta({ description: 'Fixed for the life of the key.' });

/** key_environment when the standard endpoint is sent none (reference §4.1). */
export const DEFAULT_KEY_ENVIRONMENT: KeyEnvironment = 'HOT';

/** No lengths are published for these strings; 256 characters is the strict reading's bound. */
export const PLAUSIBLE_CHARS = 256;

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

/** Path parameters that name a key or a backup: a UUID (reference §4.2, §4.5), compared in lower case. */
export const idParams = <N extends string>(name: N) =>
  z.strictObject({ [name]: z.uuid('must be a UUID').transform((id) => id.toLowerCase()) } as {
    [K in N]: z.ZodPipe<z.ZodUUID, z.ZodTransform<string, string>>;
  });
