/**
 * The domain's shared types: what a key and a backup are, in the service's own words. Every
 * folder may import this module, and it imports nothing of the mock's, so it never closes a cycle.
 * The store keeps these records; never a plaintext: data backups keep the ciphertext, its checksum
 * and sizes.
 */
import type { KeyObject } from 'node:crypto';

export type KeyType = 'rsa4096' | 'secp256k1' | 'ed25519';
export type KeyEnvironment = 'HOT' | 'COLD';
export type PrincipalType = 'api_key' | 'user_credentials';

/** Who pulled a key (the caller an assignment was made for): what pulled_by_* bind in sign_with. */
export interface PulledBy {
  id: string;
  type: PrincipalType;
}

export interface KeyRecord {
  keyId: string;
  keyType: KeyType;
  keyEnvironment: KeyEnvironment;
  userIdentifier: string;
  /** CoinCover's internal user id for (user_identifier, customer_id): what `user_id` binds in sign_with. */
  userId: string;
  customerId: string | null;
  customerName: string | null;
  packageId: string | null;
  packageName: string | null;
  /** Lowercase hex as returned to the client. */
  publicKeyHex: string;
  privateKey: KeyObject;
  createdAt: string;
  pulledBy: PulledBy | null;
}

export interface BackupRecord {
  backupId: string;
  keyId: string;
  backupType: 'data' | 'file';
  /** Lowercase SHA-256 hex of the plaintext, as verified at storage (data backups). */
  checksum: string | null;
  /** Bytes of the stored ciphertext or file. */
  dataSize: number;
  /** The ciphertext for data backups, so a later check can decrypt it again; files keep only a fingerprint. */
  ciphertext: Buffer | null;
  /** SHA-256 hex of the stored bytes (ciphertext or file), for replay detection and verification. */
  contentSha256: string;
  metadata: Record<string, string>;
  createdAt: string;
}
