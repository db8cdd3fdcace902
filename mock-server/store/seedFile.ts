/**
 * Seed files (`--seed FILE`): pre-generated pool keys and already-assigned keys, private halves as
 * PKCS#8 PEM. Loading never overwrites what exists and reports what it added. Any problem is an
 * Error naming the file and the entry, raised before anything is added.
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { spkiHex } from '../crypto/rsaKeys.ts';
import type { KeyRecord } from './records.ts';
import type { Store } from './store.ts';

const Party = z.strictObject({ customer_id: z.string().optional(), customer_name: z.string().optional() });
const Package = z.strictObject({ package_id: z.string().optional(), package_name: z.string().optional() });

const SeedKey = z.strictObject({
  key_id: z.uuid(),
  user_identifier: z.string().min(1),
  user_id: z.uuid().optional(),
  organisation: Party.optional(),
  package: Package.optional(),
  key_type: z.literal('rsa4096'),
  key_environment: z.enum(['HOT', 'COLD']),
  private_key_pem: z.string(),
  created_at: z.iso.datetime().optional(),
});

export const SeedFileSchema = z.strictObject({
  format: z.literal('coincover-mock-seed/1'),
  about: z.string().optional(),
  pool: z.array(z.strictObject({ key_type: z.literal('rsa4096'), private_key_pem: z.string() })).default([]),
  keys: z.array(SeedKey).default([]),
});

export interface LoadedSeed {
  file: string;
  pool: KeyObject[];
  keys: KeyRecord[];
}

function rsa4096(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`${where}: private_key_pem is not a readable private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== 4096) {
    throw new Error(`${where}: private_key_pem is not an RSA-4096 key`);
  }
  return key;
}

export function readSeedFile(file: string): LoadedSeed {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`seed file ${file}: ${(error as Error).message}`);
  }
  const parsed = SeedFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`seed file ${file}: ${z.prettifyError(parsed.error)}`);
  const pool = parsed.data.pool.map((entry, i) => rsa4096(entry.private_key_pem, `seed file ${file}: pool[${i}]`));
  const keys = parsed.data.keys.map((entry, i): KeyRecord => {
    const privateKey = rsa4096(entry.private_key_pem, `seed file ${file}: keys[${i}]`);
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
      publicKeyHex: spkiHex(privateKey),
      privateKey,
      createdAt: entry.created_at ?? new Date().toISOString(),
      pulledBy: null,
    };
  });
  return { file, pool, keys };
}

/** Adds the seed's assigned keys that are not there yet; returns how many were added. */
export function applySeedKeys(store: Store, keys: readonly KeyRecord[]): number {
  let added = 0;
  for (const key of keys) {
    if (store.keyById(key.keyId) || store.keyByPublicKey(key.publicKeyHex)) continue;
    store.insertKey(key);
    added += 1;
  }
  return added;
}
