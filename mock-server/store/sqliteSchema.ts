/**
 * The --data-dir database: one SQLite file in WAL mode. Keys keep their private halves as PKCS#8
 * PEM (test keys only), data backups their ciphertext, files only a fingerprint and size, and the
 * journal its entries as JSON. The `meta` row `format` marks the file as this mock's.
 */
export const DATABASE_FILE = 'coincover-mock.sqlite';
export const DATA_FORMAT = 'coincover-mock-data/1';

export const SCHEMA = `
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE keys (
  seq INTEGER PRIMARY KEY,
  key_id TEXT NOT NULL UNIQUE,
  key_type TEXT NOT NULL CHECK (key_type IN ('rsa4096', 'secp256k1', 'ed25519')),
  key_environment TEXT NOT NULL CHECK (key_environment IN ('HOT', 'COLD')),
  user_identifier TEXT NOT NULL,
  user_id TEXT NOT NULL,
  customer_id TEXT,
  customer_name TEXT,
  package_id TEXT,
  package_name TEXT,
  public_key_hex TEXT NOT NULL UNIQUE,
  private_key_pem TEXT NOT NULL,
  created_at TEXT NOT NULL,
  pulled_by_id TEXT,
  pulled_by_type TEXT CHECK (pulled_by_type IN ('api_key', 'user_credentials'))
) STRICT;
CREATE TABLE backups (
  seq INTEGER PRIMARY KEY,
  backup_id TEXT NOT NULL UNIQUE,
  key_id TEXT NOT NULL REFERENCES keys (key_id),
  backup_type TEXT NOT NULL CHECK (backup_type IN ('data', 'file')),
  checksum TEXT,
  data_size INTEGER NOT NULL CHECK (data_size >= 0),
  ciphertext BLOB,
  content_sha256 TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX backups_by_content ON backups (content_sha256);
CREATE INDEX backups_by_key ON backups (key_id);
CREATE TABLE journal (seq INTEGER PRIMARY KEY, request_id TEXT NOT NULL, entry TEXT NOT NULL) STRICT;
`;

/** The tables a database of this format has; any other set means a foreign or damaged file. */
export const TABLES = ['backups', 'journal', 'keys', 'meta'];

export interface KeyRow {
  seq: number;
  key_id: string;
  key_type: string;
  key_environment: string;
  user_identifier: string;
  user_id: string;
  customer_id: string | null;
  customer_name: string | null;
  package_id: string | null;
  package_name: string | null;
  public_key_hex: string;
  private_key_pem: string;
  created_at: string;
  pulled_by_id: string | null;
  pulled_by_type: string | null;
}

export interface BackupRow {
  backup_id: string;
  key_id: string;
  backup_type: 'data' | 'file';
  checksum: string | null;
  data_size: number;
  ciphertext: Buffer | null;
  content_sha256: string;
  metadata: string;
  created_at: string;
}

/** Backups whose row contradicts itself: a data backup without its ciphertext, unreadable metadata. */
export const DAMAGED_BACKUP = `
SELECT backup_id FROM backups
WHERE (backup_type = 'data' AND (ciphertext IS NULL OR length(ciphertext) != data_size))
   OR json_valid(metadata) = 0
   OR length(content_sha256) != 64
LIMIT 1`;
