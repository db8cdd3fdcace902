/**
 * Opening --data-dir: a new or empty directory gets a fresh database; an existing one is checked
 * before anything is served (the format marker, SQLite's own integrity check, every key row) and
 * locked for this process. Every problem is an Error naming the file and what is wrong; nothing
 * is served from a directory that failed a check.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { describeKey, keyTypeOf, publicKeyHexOf } from '../crypto/keyTypes.ts';
import type { KeyRecord } from '../model.ts';
import {
  DAMAGED_BACKUP,
  DATA_FORMAT,
  DATABASE_FILE,
  SCHEMA,
  TABLES,
  type KeyRow,
} from './sqliteSchema.ts';
import { SqliteStore } from './sqliteStore.ts';
import { loadSqlite } from './loadSqlite.ts';

export interface DataDirOptions {
  /** Caps the database at this many pages, as a full disk would (for tests). */
  maxPageCount?: number;
}

/** A SQLite failure in words: the codes a user can act on get a plain explanation. */
export function describeSqliteError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'SQLITE_FULL':
      return 'the disk is full (SQLITE_FULL); free some space and start again';
    case 'SQLITE_NOTADB':
      return 'it is not a SQLite database (corrupt, or a foreign file)';
    case 'SQLITE_CORRUPT':
      return `the database is corrupt (${message})`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'it is in use by another process (another coincover-mock on the same --data-dir?)';
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return `it cannot be opened for writing (${message})`;
    default:
      return `${message ?? String(error)}${code ? ` (${code})` : ''}`;
  }
}

function prepareDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`--data-dir ${dir}: not a directory`);
    const foreign = readdirSync(dir).filter(
      (name) => !name.startsWith('.') && !name.startsWith(DATABASE_FILE),
    );
    if (!existsSync(join(dir, DATABASE_FILE)) && foreign.length > 0) {
      throw new Error(
        `--data-dir ${dir}: holds other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}) and no ${DATABASE_FILE}; give an empty or new directory`,
      );
    }
    return;
  }
  mkdirSync(dir, { recursive: true });
}

function checkFormat(db: Database.Database, file: string, fresh: boolean): void {
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[]
  ).join(',');
  if (fresh || tables === '') {
    db.exec(SCHEMA);
    db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run('format', DATA_FORMAT);
    return;
  }
  const format = tables.includes('meta')
    ? (db.prepare("SELECT value FROM meta WHERE name = 'format'").pluck().get() as
        string | undefined)
    : undefined;
  if (format === undefined)
    throw new Error(
      `${file}: a SQLite database, but not a coincover-mock data directory (tables ${tables})`,
    );
  if (format !== DATA_FORMAT)
    throw new Error(
      `${file}: written in format ${format}; this coincover-mock reads ${DATA_FORMAT}`,
    );
  if (tables !== TABLES.join(','))
    throw new Error(
      `${file}: tables ${tables} are not those of ${DATA_FORMAT} (${TABLES.join(',')})`,
    );
  const problems = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
  if (problems[0]?.quick_check !== 'ok')
    throw new Error(
      `${file}: the database is corrupt (${problems
        .map((p) => p.quick_check)
        .slice(0, 3)
        .join('; ')})`,
    );
  if ((db.pragma('foreign_key_check') as unknown[]).length > 0)
    throw new Error(`${file}: a backup refers to a key that is not there`);
  const damaged = db.prepare(DAMAGED_BACKUP).pluck().get() as string | undefined;
  if (damaged !== undefined)
    throw new Error(
      `${file}: backup ${damaged} is damaged (its ciphertext, size, fingerprint or metadata do not agree)`,
    );
  // A write at start: a disk that is full or read-only fails here, not on the first store.
  db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('opened_at', ?)").run(
    new Date().toISOString(),
  );
}

/** Reads every key row back into a KeyRecord, checking that its private key still makes its public key. */
function keyLoader(db: Database.Database, file: string): () => KeyRecord[] {
  const select = db.prepare('SELECT * FROM keys ORDER BY seq');
  return () =>
    (select.all() as KeyRow[]).map((row) => {
      const damaged = (why: string) => new Error(`${file}: key ${row.key_id} is damaged: ${why}`);
      let privateKey;
      try {
        privateKey = createPrivateKey(row.private_key_pem);
      } catch (error) {
        throw damaged(`its private key does not parse (${(error as Error).message})`);
      }
      const keyType = keyTypeOf(privateKey);
      if (keyType === null || keyType !== row.key_type)
        throw damaged(`its private key is ${describeKey(privateKey)}, not ${row.key_type}`);
      if (publicKeyHexOf(privateKey, keyType) !== row.public_key_hex)
        throw damaged('its private key does not match its public key');
      return {
        keyId: row.key_id,
        keyType,
        keyEnvironment: row.key_environment as KeyRecord['keyEnvironment'],
        userIdentifier: row.user_identifier,
        userId: row.user_id,
        customerId: row.customer_id,
        customerName: row.customer_name,
        packageId: row.package_id,
        packageName: row.package_name,
        publicKeyHex: row.public_key_hex,
        privateKey,
        createdAt: row.created_at,
        pulledBy:
          row.pulled_by_id === null
            ? null
            : { id: row.pulled_by_id, type: row.pulled_by_type as 'api_key' | 'user_credentials' },
      };
    });
}

/**
 * The database and SQLite's side files must be regular files in the directory: through a symbolic
 * link (a dangling one above all) SQLite would create or write the database outside it.
 */
function refuseLinks(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    let isLink = false;
    try {
      isLink = lstatSync(path).isSymbolicLink();
    } catch {
      continue;
    }
    if (isLink)
      throw new Error(
        `${path}: a symbolic link${existsSync(path) ? '' : ' to nothing'}; the database must be a regular file inside the data directory`,
      );
  }
}

export function openDataDir(dir: string, options: DataDirOptions = {}): SqliteStore {
  // Before the directory is touched: without the optional dependency nothing is created.
  const Sqlite = loadSqlite();
  const file = join(resolve(dir), DATABASE_FILE);
  prepareDirectory(dir);
  refuseLinks(file);
  const fresh = !existsSync(file);
  let db: Database.Database | undefined;
  try {
    db = new Sqlite(file, { timeout: 1000 });
    // Exclusive locking before WAL: the WAL index lives in this process, and no second mock can open the file.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // FULL: every commit reaches the disk before the response, so even a power cut loses nothing acknowledged.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${options.maxPageCount}`);
    db.transaction(() => checkFormat(db!, file, fresh)).exclusive();
    return new SqliteStore(db, keyLoader(db, file));
  } catch (error) {
    db?.close();
    const message = (error as Error).message;
    throw message.startsWith(file) ? error : new Error(`${file}: ${describeSqliteError(error)}`);
  }
}
