/**
 * Seed files (`--seed FILE`, format in seedFormat.ts): read and check whole before anything is
 * added, then added in one transaction. Loading never overwrites a key or backup that exists and
 * reports what it added. Every problem is an Error naming the file and the entry.
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { describeKey, keyTypeOf, publicKeyHexOf } from '../crypto/keyTypes.ts';
import { RSA_4096_BYTES, sha256Hex } from '../crypto/rsaKeys.ts';
import type { BackupRecord, KeyRecord, KeyType } from '../model.ts';
import { SeedFileSchema, type SeedBackup, type SeedKey } from './seedFormat.ts';
import type { Store } from './store.ts';

export interface LoadedSeed {
  file: string;
  pool: KeyObject[];
  keys: KeyRecord[];
  backups: Array<{ record: BackupRecord; where: string }>;
}

function privateKeyOf(pem: string, keyType: KeyType, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(
      `${where}: private_key_pem is not a readable private key (${(error as Error).message})`,
    );
  }
  const actual = keyTypeOf(key);
  if (actual === null)
    throw new Error(
      `${where}: private_key_pem is an ${describeKey(key)} key; the mock holds only RSA-4096, secp256k1 and ed25519 keys`,
    );
  if (actual !== keyType)
    throw new Error(
      `${where}: private_key_pem holds a key of type ${actual}, but key_type says ${keyType}`,
    );
  return key;
}

function keyRecord(entry: z.output<typeof SeedKey>, where: string): KeyRecord {
  if (entry.private_key_pem === undefined) {
    throw new Error(
      `${where}: no private_key_pem, so the key cannot be loaded (a snapshot must be taken with --snapshot-private-keys to be loaded again)`,
    );
  }
  const privateKey = privateKeyOf(entry.private_key_pem, entry.key_type, where);
  const publicKeyHex = publicKeyHexOf(privateKey, entry.key_type);
  if (entry.public_key !== undefined && entry.public_key.toLowerCase() !== publicKeyHex)
    throw new Error(`${where}: public_key is not the public key of private_key_pem`);
  return {
    keyId: entry.key_id,
    keyType: entry.key_type,
    keyEnvironment: entry.key_environment,
    userIdentifier: entry.user_identifier,
    userId: entry.user_id ?? randomUUID(),
    customerId: entry.organisation?.customer_id ?? null,
    customerName: entry.organisation?.customer_name ?? null,
    packageId: entry.package?.package_id ?? null,
    packageName: entry.package?.package_name ?? null,
    publicKeyHex,
    privateKey,
    createdAt: entry.created_at ?? new Date().toISOString(),
    pulledBy: entry.pulled_by ?? null,
  };
}

function backupRecord(entry: z.output<typeof SeedBackup>, where: string): BackupRecord {
  const common = {
    backupId: entry.backup_id,
    keyId: entry.key_id,
    metadata: entry.metadata,
    createdAt: entry.created_at ?? new Date().toISOString(),
  };
  if (entry.backup_type === 'file') {
    return {
      ...common,
      backupType: 'file',
      checksum: null,
      dataSize: entry.data_size,
      ciphertext: null,
      contentSha256: entry.content_sha256.toLowerCase(),
    };
  }
  const ciphertext = Buffer.from(entry.data, 'base64');
  if (ciphertext.length !== RSA_4096_BYTES)
    throw new Error(
      `${where}: data is ${ciphertext.length} bytes; a stored RSA-4096 ciphertext is ${RSA_4096_BYTES}`,
    );
  if (entry.data_size !== undefined && entry.data_size !== ciphertext.length)
    throw new Error(
      `${where}: data_size ${entry.data_size} is not the ${ciphertext.length} bytes of data`,
    );
  const checksum = entry.checksum?.toLowerCase() ?? null;
  return {
    ...common,
    backupType: 'data',
    checksum,
    dataSize: ciphertext.length,
    ciphertext,
    contentSha256: sha256Hex(ciphertext),
  };
}

/** The index of the first item whose id an earlier item already had. */
function repeated<T>(items: readonly T[], id: (item: T) => string): number | undefined {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (seen.has(id(item))) return index;
    seen.add(id(item));
  }
  return undefined;
}

/** The largest seed file read (a snapshot of some 60,000 data backups); a larger one is refused. */
export const SEED_FILE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * A seed file's text: a regular file of at most SEED_FILE_LIMIT_BYTES. Opened without blocking
 * and checked on the open descriptor, so a FIFO cannot hang start-up, /dev/zero cannot grow
 * without end, and nothing can swap the file between the check and the read.
 */
function readSeedText(file: string): string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error('EISDIR: it is a directory, not a regular file');
    if (!stat.isFile()) {
      const kind = stat.isFIFO()
        ? 'a FIFO'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : stat.isSocket()
            ? 'a socket'
            : 'not a file';
      throw new Error(`it is ${kind}, not a regular file`);
    }
    if (stat.size > SEED_FILE_LIMIT_BYTES)
      throw new Error(`it is ${stat.size} bytes, over the ${SEED_FILE_LIMIT_BYTES}-byte limit`);
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    // It grew while being read: whatever it holds now is not the file that was checked.
    if (length > stat.size) throw new Error('it grew while it was being read');
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function readSeedFile(file: string): LoadedSeed {
  let text: string;
  try {
    text = readSeedText(file);
  } catch (error) {
    throw new Error(`seed file ${file}: cannot be read (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`seed file ${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = SeedFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `seed file ${file}: not a coincover-mock-seed/1 file:\n${z.prettifyError(parsed.error)}`,
    );
  const seed = parsed.data;
  if (seed.private_keys === 'omitted') {
    throw new Error(
      `seed file ${file}: a snapshot taken without private keys cannot be loaded; take it from a mock started with --snapshot-private-keys`,
    );
  }
  const where = (list: string, i: number) => `seed file ${file}: ${list}[${i}]`;
  const pool = seed.pool.map((entry, i) =>
    privateKeyOf(entry.private_key_pem, 'rsa4096', where('pool', i)),
  );
  const keys = seed.keys.map((entry, i) => keyRecord(entry, where('keys', i)));
  const backups = seed.backups.map((entry, i) => ({
    record: backupRecord(entry, where('backups', i)),
    where: where('backups', i),
  }));
  const twiceKey = repeated(keys, (k) => k.keyId) ?? repeated(keys, (k) => k.publicKeyHex);
  if (twiceKey !== undefined)
    throw new Error(
      `${where('keys', twiceKey)}: the same key_id or key appears earlier in the file`,
    );
  const twiceBackup = repeated(backups, (b) => b.record.backupId);
  if (twiceBackup !== undefined)
    throw new Error(`${where('backups', twiceBackup)}: backup_id appears earlier in the file`);
  return { file, pool, keys, backups };
}

/**
 * Adds the seeds' keys and backups that are not there yet, in one transaction, and reports how
 * many it added. Every backup must name an rsa4096 key held already or given by a seed; this is
 * checked for all of them before anything is added.
 */
export function applySeeds(
  store: Store,
  seeds: readonly LoadedSeed[],
): { keys: number; backups: number } {
  const newKeys = new Map<string, KeyRecord>();
  const newPublicKeys = new Set<string>();
  for (const key of seeds.flatMap((seed) => seed.keys)) {
    if (
      store.keyById(key.keyId) ||
      store.keyByPublicKey(key.publicKeyHex) ||
      newKeys.has(key.keyId) ||
      newPublicKeys.has(key.publicKeyHex)
    )
      continue;
    newKeys.set(key.keyId, key);
    newPublicKeys.add(key.publicKeyHex);
  }
  const newBackups = new Map<string, BackupRecord>();
  for (const { record, where } of seeds.flatMap((seed) => seed.backups)) {
    if (store.backupById(record.backupId) || newBackups.has(record.backupId)) continue;
    const key = store.keyById(record.keyId) ?? newKeys.get(record.keyId);
    if (!key)
      throw new Error(
        `${where}: key_id ${record.keyId} names no key in the seed files or the data directory`,
      );
    if (key.keyType !== 'rsa4096')
      throw new Error(
        `${where}: key ${key.keyId} is a ${key.keyType} signer key; backups are stored under rsa4096 keys`,
      );
    newBackups.set(record.backupId, record);
  }
  store.transaction(() => {
    for (const key of newKeys.values()) store.insertKey(key);
    for (const backup of newBackups.values()) store.insertBackup(backup);
  });
  return { keys: newKeys.size, backups: newBackups.size };
}
