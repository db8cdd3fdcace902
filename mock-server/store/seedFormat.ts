/**
 * The seed file format `coincover-mock-seed/1`, read by --seed and written by GET /_mock/snapshot:
 * `pool` keys (RSA-4096 pairs handed out before any is generated), assigned `keys` of every type,
 * and `backups` (data with its ciphertext, files as fingerprint and size). Private halves are
 * PKCS#8 PEM test keys; a snapshot taken without them says so in `private_keys`.
 */
import { z } from 'zod';

export const SEED_FORMAT = 'coincover-mock-seed/1';

const Party = z.strictObject({
  customer_id: z.string().optional(),
  customer_name: z.string().optional(),
});
const Package = z.strictObject({
  package_id: z.string().optional(),
  package_name: z.string().optional(),
});
const Sha256Hex = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (SHA-256)');
const Metadata = z.record(z.string(), z.string());

export const SeedKey = z.strictObject({
  key_id: z.uuid(),
  user_identifier: z.string().min(1),
  user_id: z.uuid().optional(),
  organisation: Party.optional(),
  package: Package.optional(),
  key_type: z.enum(['rsa4096', 'secp256k1', 'ed25519']),
  key_environment: z.enum(['HOT', 'COLD']),
  /** The hex public key as issued; when present it must be the one the private key makes. */
  public_key: z
    .string()
    .regex(/^[0-9a-fA-F]+$/)
    .optional(),
  /** Required to load the key; a snapshot without private keys leaves it out. */
  private_key_pem: z.string().optional(),
  created_at: z.iso.datetime().optional(),
  pulled_by: z
    .strictObject({ id: z.string().min(1), type: z.enum(['api_key', 'user_credentials']) })
    .optional(),
});

const BackupCommon = {
  backup_id: z.uuid(),
  key_id: z.uuid(),
  metadata: Metadata.default({}),
  created_at: z.iso.datetime().optional(),
};

export const SeedBackup = z.discriminatedUnion('backup_type', [
  z.strictObject({
    ...BackupCommon,
    backup_type: z.literal('data'),
    /** SHA-256 hex of the plaintext, or null when it was stored without one (standard endpoint). */
    checksum: Sha256Hex.nullable(),
    /** The stored ciphertext, standard base64. */
    data: z.base64(),
    data_size: z.int().min(0).optional(),
  }),
  z.strictObject({
    ...BackupCommon,
    backup_type: z.literal('file'),
    /** Files are kept as a fingerprint and a size, never their bytes. */
    content_sha256: Sha256Hex,
    data_size: z.int().min(0).max(10_000_000),
  }),
]);

export const SeedFileSchema = z.strictObject({
  format: z.literal(SEED_FORMAT),
  about: z.string().optional(),
  exported_at: z.iso.datetime().optional(),
  private_keys: z.enum(['included', 'omitted']).optional(),
  pool: z
    .array(z.strictObject({ key_type: z.literal('rsa4096'), private_key_pem: z.string() }))
    .default([]),
  keys: z.array(SeedKey).default([]),
  backups: z.array(SeedBackup).default([]),
});

export type SeedFile = z.input<typeof SeedFileSchema>;
export type SeedKeyEntry = z.input<typeof SeedKey>;
export type SeedBackupEntry = z.input<typeof SeedBackup>;
