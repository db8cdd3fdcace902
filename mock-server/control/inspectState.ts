/**
 * Read-only views of what the mock holds, for the conformance runner to judge a client's end
 * state: keys (public half and assignment only) and backups (ids, checksum, sizes, fingerprints;
 * never a plaintext, and no ciphertext either).
 */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import type { BackupRecord, KeyRecord } from '../model.ts';
import { problem } from '../http/problem.ts';

export function keyView(key: KeyRecord) {
  return {
    key_id: key.keyId,
    key_type: key.keyType,
    key_environment: key.keyEnvironment,
    user_identifier: key.userIdentifier,
    customer_id: key.customerId,
    package_id: key.packageId,
    public_key: key.publicKeyHex,
    created_at: key.createdAt,
  };
}

export function backupView(backup: BackupRecord) {
  return {
    backup_id: backup.backupId,
    backup_type: backup.backupType,
    key_id: backup.keyId,
    checksum: backup.checksum,
    data_size: backup.dataSize,
    content_sha256: backup.contentSha256,
    metadata: backup.metadata,
    created_at: backup.createdAt,
  };
}

export function inspectState(deps: AppDeps): Router {
  const router = Router();
  router.get('/keys/:id', (req, res) => {
    const key = deps.store.keyById(req.params.id);
    if (!key) return problem(res, 404, 'Unknown key', `No key ${req.params.id}`);
    res.json({ ...keyView(key), backups: deps.store.backupsOfKey(key.keyId).map(backupView) });
  });
  router.get('/backups/:id', (req, res) => {
    const backup = deps.store.backupById(req.params.id);
    if (!backup) return problem(res, 404, 'Unknown backup', `No backup ${req.params.id}`);
    res.json(backupView(backup));
  });
  return router;
}
