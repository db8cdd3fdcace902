/**
 * The path parameters and response bodies of the two checks (reference §4.2, §4.5), with the
 * messages their answers carry (constants the tests reuse).
 */
import { z } from 'zod';
import { idParams } from './fields.ts';

export const KEY_CHECK_MESSAGES = Object.freeze({
  VALID: 'Key pair reconstructed and matches the issued public key',
  INVALID: 'The held private key no longer matches the issued public key',
});

export const BACKUP_CHECK_MESSAGES = Object.freeze({
  VALID: 'Backup decrypted and matches the checksum recorded at storage',
  VALID_NO_CHECKSUM:
    'Backup decrypted; it was stored without a checksum, so the plaintext could not be compared',
  VALID_FILE:
    'File backup is held; files are encrypted by the client, so only their presence and size are checked',
  COLD: 'Cold backups are held offline and cannot be checked',
  CHECKSUM_MISMATCH:
    'Backup decrypted, but the plaintext does not match the checksum recorded at storage',
  UNDECRYPTABLE: 'The stored data no longer decrypts under its key',
  KEY_MISSING: 'The key the backup was stored under is no longer held',
});

export const VerifyKeyParams = idParams('keyId');

export const VerifyKeyResponse = z.object({
  message: z.string().meta({ examples: [KEY_CHECK_MESSAGES.VALID] }),
  is_key_valid: z.boolean(),
});
export type KeyCheck = z.output<typeof VerifyKeyResponse>;

export const VerifyBackupParams = idParams('backupId');

export const VerifyBackupResponse = z.object({
  is_backup_valid: z.boolean().meta({
    description:
      'False also when the backup could not be checked (a cold backup); message says which.',
  }),
  message: z.string().meta({ examples: [BACKUP_CHECK_MESSAGES.VALID, BACKUP_CHECK_MESSAGES.COLD] }),
});
export type BackupCheck = z.output<typeof VerifyBackupResponse>;
