/**
 * Storing an already-encrypted file (reference §3.3, §4.4). The multipart body was parsed by
 * multer within the size limit; here: validate the text parts, check the file part, load the key,
 * diagnose, store a fingerprint. CoinCover adds no encryption and does no checksum verification
 * for files, so a file that looks unencrypted is still stored (200) and named in x-mock-faults.
 */
import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../crypto/rsaKeys.ts';
import { diagnoseFile } from '../diagnostics/diagnoseFile.ts';
import { finding } from '../diagnostics/findings.ts';
import type { Report } from '../diagnostics/report.ts';
import { apiError, fieldErrors, MESSAGES, validationFailed } from '../errors.ts';
import {
  FILE_PART_CONTENT_TYPE,
  filenameRule,
  type SecureFileBody,
  type SecureFileResponseBody,
} from '../schemas/secureFile.ts';
import { FILE_LIMIT_BYTES, FILE_LIMIT_MIB_BYTES } from './fileLimits.ts';
import { loadStorageKey } from './loadStorageKey.ts';
import type { StorageDeps } from './storageDeps.ts';

/** The file part as the transport read it. */
export interface UploadedFile {
  buffer: Buffer;
  size: number;
  mimetype: string;
  originalname: string;
}

/** Validated text parts and the file part (if any) → the stored backup's answer, or an ApiError. */
export function storeSecureFile(
  deps: Pick<StorageDeps, 'store' | 'rules'>,
  fields: SecureFileBody,
  file: UploadedFile | undefined,
  report: Report,
): SecureFileResponseBody {
  if (!file) {
    throw validationFailed(
      fieldErrors([['file', ['is required: the encrypted file as a multipart part named "file"']]]),
      [finding('request_invalid', 'The multipart body has no "file" part.', { field: 'file' })],
    );
  }
  if (file.mimetype.toLowerCase() !== FILE_PART_CONTENT_TYPE) {
    throw apiError('file_content_type', MESSAGES.FILE_CONTENT_TYPE, [
      finding(
        'file_content_type',
        `The file part was sent as ${file.mimetype}; send it as ${FILE_PART_CONTENT_TYPE}.`,
        { content_type: file.mimetype },
      ),
    ]);
  }
  // The filename becomes metadata.original_filename: it has the same bounds as the metadata field.
  // In each reading: refused beyond its bound; in the faithful one, named when the strict one would refuse it.
  const filename = filenameRule(deps.rules.strict).safeParse(file.originalname || undefined);
  if (!filename.success) {
    const problem = filename.error.issues[0]?.message ?? 'is not a valid filename';
    throw validationFailed(fieldErrors([['file', [`filename ${problem}`]]]), [
      finding('request_invalid', `The file part's filename ${problem}.`, {
        field: 'file',
        filename_length: file.originalname.length,
      }),
    ]);
  }
  if (!deps.rules.strict && !filenameRule(true).safeParse(file.originalname || undefined).success) {
    report.findings.addAll([
      finding(
        'field_length_unusual',
        `The file part's filename is ${file.originalname.length} characters, longer than any real one; it was stored, but the real service may refuse it.`,
        {
          field: 'file',
          filename_length: file.originalname.length,
        },
      ),
    ]);
  }
  const key = loadStorageKey(deps.store, fields.public_key);
  report.keyId = key.keyId;
  if (file.size > FILE_LIMIT_BYTES) {
    report.findings.addAll([
      finding(
        'file_size_ambiguous',
        `The file is ${file.size} bytes: over 10 MB read as ${FILE_LIMIT_BYTES} bytes, within 10 MiB (${FILE_LIMIT_MIB_BYTES}). It was stored, but the real service may refuse it.`,
        {
          size_bytes: file.size,
          limit_bytes: FILE_LIMIT_BYTES,
        },
      ),
    ]);
  }
  report.findings.addAll(diagnoseFile(file.buffer));

  const backupId = randomUUID();
  const createdAt = new Date().toISOString();
  const metadata = {
    ...(file.originalname ? { original_filename: file.originalname } : {}),
    ...fields.metadata,
    key_id: key.keyId,
    key_environment: key.keyEnvironment,
    stored_at: createdAt,
  };
  const contentSha256 = sha256Hex(file.buffer);
  deps.store.insertBackup({
    backupId,
    keyId: key.keyId,
    backupType: 'file',
    checksum: null,
    dataSize: file.size,
    ciphertext: null,
    contentSha256,
    metadata,
    createdAt,
  });
  report.backupId = backupId;
  return { backup_id: backupId, backup_type: 'file', metadata };
}
