/**
 * Storing encrypted data (reference §3.2, §4.3), as the enclave would: decrypt with RSA-OAEP
 * SHA-256/MGF1-SHA-256 (empty label) under the key public_key names, compare SHA-256 of the plaintext with
 * checksum, and store only the ciphertext, the checksum and sizes. Every failure is diagnosed;
 * a diagnosed request stores nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { RSA_4096_BYTES, sha256Hex } from '../crypto/rsaKeys.ts';
import { rsaKeyOf } from '../crypto/keyCache.ts';
import { decodeData } from '../diagnostics/decodeData.ts';
import { diagnoseChecksum } from '../diagnostics/diagnoseChecksum.ts';
import { diagnoseCiphertext, nearestCandidates } from '../diagnostics/diagnoseCiphertext.ts';
import { diagnosePublicKey, publicKeyCandidates } from '../diagnostics/diagnosePublicKey.ts';
import { finding, type Finding } from '../diagnostics/findings.ts';
import { addFindings, requestContext } from '../diagnostics/requestContext.ts';
import { ApiError, badRequest, MESSAGES } from '../errors.ts';
import {
  HEX_PUBLIC_KEY,
  publicKeyMessage,
  SHA256_HEX,
  validateRequest,
} from '../routes/validation.ts';
import { objectOf, readings, text } from '../schemas/readings.ts';
import { loadStorageKey } from './loadStorageKey.ts';

/** The documented metadata fields; no lengths are published, so the strict bounds are the mock's own. */
export const metadata = (strict: boolean) =>
  objectOf(strict)({
    description: text(strict, 1024).optional(),
    content_type: text(strict, 256).optional(),
    original_filename: text(strict, 1024).optional(),
  });

export const PublicKeyField = z
  .string()
  .min(32, publicKeyMessage)
  .max(4096, publicKeyMessage)
  .regex(HEX_PUBLIC_KEY, publicKeyMessage);
export const ChecksumField = z
  .string()
  .regex(SHA256_HEX, 'must be 64 hex characters: the SHA-256 of the plaintext');

export const secureDataRequest = (checksum: z.ZodType<string | undefined>) =>
  readings((strict) =>
    objectOf(strict)({
      public_key: PublicKeyField,
      checksum,
      data: z.string().min(1, 'must be the base64 ciphertext'),
      padding_type: z.literal('OAEP', 'must be OAEP (the only supported padding)').default('OAEP'),
      metadata: metadata(strict).optional(),
    }),
  );

/** `checksum` is there only when one was sent and verified: the document types it as a string, never null. */
export interface SecureDataResponse {
  backup_id: string;
  checksum?: string;
  data_size: number;
  backup_type: 'data';
  metadata: Record<string, string>;
}

export async function storeSecureData(
  deps: AppDeps,
  res: Response,
  rawBody: unknown,
  schema: ReturnType<typeof secureDataRequest>,
): Promise<SecureDataResponse> {
  const { value: body, warnings } = validateRequest(schema, rawBody, {
    strict: deps.config.strictRequests,
    diagnose: {
      public_key: (value) =>
        diagnosePublicKey(value, publicKeyCandidates(value, deps.store), {
          failedValidation: true,
        }),
    },
  });
  addFindings(res, warnings);
  const key = loadStorageKey(deps, body.public_key);
  const context = requestContext(res);
  context.keyId = key.keyId;
  const checksum = body.checksum?.toLowerCase() ?? null;

  const decoded = decodeData(body.data, checksum, RSA_4096_BYTES);
  if (!decoded.ok) throw verificationFailed(deps, res, decoded.findings);
  const ciphertext = decoded.ciphertext;
  // One private-key operation, whatever arrived: the raw result is decoded here and, if it fails, diagnosed.
  const { em, plaintext } = await deps.rsa.decrypt(rsaKeyOf(key), ciphertext);
  if (!plaintext || (checksum !== null && sha256Hex(plaintext) !== checksum)) {
    // With --opaque-errors every failure does the same work: the full diagnosis of the ciphertext
    // runs for a checksum mismatch too, and the answer waits for it.
    const exhaustive = deps.config.opaqueErrors;
    const diagnosis =
      !plaintext || exhaustive
        ? diagnoseCiphertext(
            deps.rsa,
            key,
            ciphertext,
            em,
            checksum,
            nearestCandidates(key, deps.store.keys()),
            deps.config.wrongKeyCandidates,
            { exhaustive },
          )
        : undefined;
    const found =
      plaintext && checksum !== null
        ? [diagnoseChecksum(checksum, plaintext, ciphertext, body.data)]
        : await (diagnosis as Promise<Finding[]>);
    await diagnosis;
    plaintext?.fill(0);
    throw verificationFailed(deps, res, found);
  }
  plaintext.fill(0);

  const contentSha256 = sha256Hex(ciphertext);
  const earlier = deps.store.backupsByContent(contentSha256);
  if (earlier.length > 0) {
    addFindings(res, [
      finding(
        'replayed_ciphertext',
        `This exact ciphertext was already stored as backup ${earlier[0]?.backupId}. RSA-OAEP is randomised: a repeat means a replayed request or a deterministic encryption.`,
        {
          earlier_backup_ids: earlier.map((b) => b.backupId),
        },
      ),
    ]);
  }
  const backupId = randomUUID();
  const createdAt = new Date().toISOString();
  const metadata = {
    ...body.metadata,
    key_id: key.keyId,
    key_environment: key.keyEnvironment,
    stored_at: createdAt,
  };
  deps.store.insertBackup({
    backupId,
    keyId: key.keyId,
    backupType: 'data',
    checksum,
    dataSize: ciphertext.length,
    ciphertext,
    contentSha256,
    metadata,
    createdAt,
  });
  context.backupId = backupId;
  return {
    backup_id: backupId,
    ...(checksum === null ? {} : { checksum }),
    data_size: ciphertext.length,
    backup_type: 'data',
    metadata,
  };
}

/**
 * A 400 for data that does not verify. Normally its message is the diagnosis; with --opaque-errors
 * every such failure answers the same bytes and the diagnosis goes to the journal only, so the mock
 * is no padding oracle (Bleichenbacher 1998, Manger 2001).
 */
function verificationFailed(deps: AppDeps, res: Response, findings: Finding[]): ApiError {
  if (deps.config.opaqueErrors) {
    requestContext(res).hideFindings = true;
    return badRequest(MESSAGES.VERIFICATION_FAILED, findings);
  }
  return badRequest(findings.map((f) => f.message).join(' '), findings);
}
