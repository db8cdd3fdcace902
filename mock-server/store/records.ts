/** What the mock keeps. Never a plaintext: data backups keep the ciphertext, its checksum and sizes. */
import type { KeyObject } from 'node:crypto';

export type KeyType = 'rsa4096' | 'secp256k1' | 'ed25519';
export type KeyEnvironment = 'HOT' | 'COLD';
export type PrincipalType = 'api_key' | 'user_credentials';

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
  pulledBy: { id: string; type: PrincipalType } | null;
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
