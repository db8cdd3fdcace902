/**
 * GET /_mock/snapshot: the keys and backups the mock holds, in the seed file format, so that
 * `--seed` can load them into another mock. Private keys are exported only when the mock was
 * started with --snapshot-private-keys; without them the snapshot says so and cannot be loaded.
 */
import type { BackupRecord, KeyRecord } from '../model.ts';
import {
  SEED_FORMAT,
  type SeedBackupEntry,
  type SeedFile,
  type SeedKeyEntry,
} from './seedFormat.ts';
import type { Store } from './store.ts';

const ABOUT = {
  included:
    'Snapshot of a coincover-mock: every key with its PKCS#8 private key (TEST keys only; never use them for anything real) and every backup. Load it with --seed.',
  omitted:
    'Snapshot of a coincover-mock without private keys: it shows the keys and backups but cannot be loaded with --seed. Start the mock with --snapshot-private-keys to export a loadable snapshot.',
};

const present = <T extends Record<string, unknown>>(value: T) =>
  Object.values(value).some((v) => v !== undefined) ? value : undefined;

function keyEntry(key: KeyRecord, privateKeys: boolean): SeedKeyEntry {
  return {
    key_id: key.keyId,
    user_identifier: key.userIdentifier,
    user_id: key.userId,
    organisation: present({
      customer_id: key.customerId ?? undefined,
      customer_name: key.customerName ?? undefined,
    }),
    package: present({
      package_id: key.packageId ?? undefined,
      package_name: key.packageName ?? undefined,
    }),
    key_type: key.keyType,
    key_environment: key.keyEnvironment,
    public_key: key.publicKeyHex,
    ...(privateKeys
      ? { private_key_pem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
      : {}),
    created_at: key.createdAt,
    ...(key.pulledBy ? { pulled_by: key.pulledBy } : {}),
  };
}

function backupEntry(backup: BackupRecord): SeedBackupEntry {
  const common = {
    backup_id: backup.backupId,
    key_id: backup.keyId,
    metadata: backup.metadata,
    created_at: backup.createdAt,
  };
  if (backup.backupType === 'file' || backup.ciphertext === null) {
    return {
      ...common,
      backup_type: 'file',
      content_sha256: backup.contentSha256,
      data_size: backup.dataSize,
    };
  }
  return {
    ...common,
    backup_type: 'data',
    checksum: backup.checksum,
    data: backup.ciphertext.toString('base64'),
    data_size: backup.dataSize,
  };
}

export function snapshotOf(store: Store, privateKeys: boolean): SeedFile {
  const which = privateKeys ? 'included' : 'omitted';
  return {
    format: SEED_FORMAT,
    about: ABOUT[which],
    exported_at: new Date().toISOString(),
    private_keys: which,
    keys: store.keys().map((key) => keyEntry(key, privateKeys)),
    backups: store.allBackups().map(backupEntry),
  };
}
