/**
 * Storing an already-encrypted file (reference §3.3, §4.4). The multipart body was parsed by
 * multer within the size limit; here: validate the text parts, check the file part, load the key,
 * diagnose, store a fingerprint. CoinCover adds no encryption and does no checksum verification
 * for files, so a file that looks unencrypted is still stored (200) and named in x-mock-faults.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { sha256Hex } from '../crypto/rsaKeys.ts';
import { diagnoseFile } from '../diagnostics/diagnoseFile.ts';
import { diagnosePublicKey, publicKeyCandidates } from '../diagnostics/diagnosePublicKey.ts';
import { finding } from '../diagnostics/findings.ts';
import { addFindings, requestContext } from '../diagnostics/requestContext.ts';
import { fieldErrors, MESSAGES, unsupportedMediaType, validationFailed } from '../errors.ts';
import { validateRequest } from '../routes/validation.ts';
import { objectOf, readings } from '../schemas/readings.ts';
import { FILE_LIMIT_BYTES, FILE_LIMIT_MIB_BYTES } from './fileLimits.ts';
import { loadStorageKey } from './loadStorageKey.ts';
import { metadata, metadata as metadataFields, PublicKeyField } from './storeSecureData.ts';

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

export interface SecureFileResponse {
  backup_id: string;
  backup_type: 'file';
  metadata: Record<string, string>;
}

export function storeSecureFile(deps: AppDeps, req: Request, res: Response): SecureFileResponse {
  // Multer's fields, copied into a map without a prototype: a part may be called `__proto__`.
  const parts = Object.assign(Object.create(null) as Record<string, unknown>, req.body);
  const { value: fields, warnings } = validateRequest(SecureFileFields, parts, {
    strict: deps.config.strictRequests,
    diagnose: {
      public_key: (value) =>
        diagnosePublicKey(value, publicKeyCandidates(value, deps.store), {
          failedValidation: true,
        }),
    },
  });
  addFindings(res, warnings);
  const file = (req.files as Record<string, Express.Multer.File[]> | undefined)?.file?.[0];
  if (!file) {
    throw validationFailed(
      fieldErrors([['file', ['is required: the encrypted file as a multipart part named "file"']]]),
      [finding('request_invalid', 'The multipart body has no "file" part.', { field: 'file' })],
    );
  }
  if (file.mimetype.toLowerCase() !== FILE_PART_CONTENT_TYPE) {
    throw unsupportedMediaType(MESSAGES.FILE_CONTENT_TYPE, [
      finding(
        'file_content_type',
        `The file part was sent as ${file.mimetype}; send it as ${FILE_PART_CONTENT_TYPE}.`,
        { content_type: file.mimetype },
      ),
    ]);
  }
  // The filename becomes metadata.original_filename: it has the same bounds as the metadata field.
  // In each reading: refused beyond its bound; in the faithful one, named when the strict one would refuse it.
  const filenameRule = (strict: boolean) => metadataFields(strict).shape.original_filename;
  const filename = filenameRule(deps.config.strictRequests).safeParse(
    file.originalname || undefined,
  );
  if (!filename.success) {
    const problem = filename.error.issues[0]?.message ?? 'is not a valid filename';
    throw validationFailed(fieldErrors([['file', [`filename ${problem}`]]]), [
      finding('request_invalid', `The file part's filename ${problem}.`, {
        field: 'file',
        filename_length: file.originalname.length,
      }),
    ]);
  }
  if (
    !deps.config.strictRequests &&
    !filenameRule(true).safeParse(file.originalname || undefined).success
  ) {
    addFindings(res, [
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
  const key = loadStorageKey(deps, fields.public_key);
  const context = requestContext(res);
  context.keyId = key.keyId;
  if (file.size > FILE_LIMIT_BYTES) {
    addFindings(res, [
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
  addFindings(res, diagnoseFile(file.buffer));

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
  context.backupId = backupId;
  return { backup_id: backupId, backup_type: 'file', metadata };
}
