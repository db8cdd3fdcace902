/**
 * Storing encrypted data (reference §3.2, §4.3), as the enclave would: decrypt with RSA-OAEP
 * SHA-256/MGF1-SHA-256 (empty label) under the key public_key names, compare SHA-256 of the plaintext with
 * checksum, and store only the ciphertext, the checksum and sizes. Every failure is diagnosed;
 * a diagnosed request stores nothing.
 */
import { randomUUID } from 'node:crypto';
import { wipeResult } from '../crypto/checkedDecrypt.ts';
import { decodeCiphertext } from '../crypto/decodeCiphertext.ts';
import { rsaKeyOf } from '../crypto/keyCache.ts';
import { RSA_4096_BYTES, sha256Hex } from '../crypto/rsaKeys.ts';
import { explainData } from '../diagnostics/decodeData.ts';
import { diagnoseChecksum } from '../diagnostics/diagnoseChecksum.ts';
import { diagnoseCiphertext, nearestCandidates } from '../diagnostics/diagnoseCiphertext.ts';
import { finding, type Finding } from '../diagnostics/findings.ts';
import type { Report } from '../diagnostics/report.ts';
import { verificationFailed } from '../errors.ts';
import type { SecureDataBody, SecureDataResponseBody } from '../schemas/secureData.ts';
import { loadStorageKey } from './loadStorageKey.ts';
import type { StorageDeps } from './storageDeps.ts';

/** A validated secure/data body → the stored backup's answer, or an ApiError whose findings say why not. */
export async function storeSecureData(
  deps: StorageDeps,
  body: SecureDataBody,
  report: Report,
): Promise<SecureDataResponseBody> {
  const key = loadStorageKey(deps.store, body.public_key);
  report.keyId = key.keyId;
  const checksum = body.checksum?.toLowerCase() ?? null;

  const ciphertext = decodeCiphertext(body.data, RSA_4096_BYTES);
  if (!ciphertext) throw verificationFailed(explainData(body.data, checksum, RSA_4096_BYTES));
  // One private-key operation, whatever arrived: decoded and checked where it runs, and what
  // fails comes back as the raw result (and the plaintext, for a checksum mismatch) to diagnose.
  const result = await deps.rsa.decrypt(rsaKeyOf(key), ciphertext, checksum);
  if (!result.ok) {
    const { em, plaintext } = result;
    // With --opaque-errors every failure does the same work: the full diagnosis of the ciphertext
    // runs for a checksum mismatch too, and the answer waits for it.
    const exhaustive = deps.rules.constantWork;
    const diagnosis =
      !plaintext || exhaustive
        ? diagnoseCiphertext(
            deps.rsa,
            key,
            ciphertext,
            em,
            checksum,
            nearestCandidates(key, deps.store.keys()),
            deps.rules.wrongKeyCandidates,
            { exhaustive },
          )
        : undefined;
    const found =
      plaintext && checksum !== null
        ? [diagnoseChecksum(checksum, plaintext, ciphertext, body.data)]
        : await (diagnosis as Promise<Finding[]>);
    await diagnosis;
    wipeResult(result);
    throw verificationFailed(found);
  }

  const contentSha256 = sha256Hex(ciphertext);
  const earlier = deps.store.backupsByContent(contentSha256);
  if (earlier.length > 0) {
    report.findings.addAll([
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
  report.backupId = backupId;
  return {
    backup_id: backupId,
    ...(checksum === null ? {} : { checksum }),
    data_size: ciphertext.length,
    backup_type: 'data',
    metadata,
  };
}
