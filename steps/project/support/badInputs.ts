/**
 * Bad start-up inputs, made on the spot: data directories that are not, or no longer, a mock's,
 * and seed files that must be refused. Each is named in the scenarios' words.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../../mock-server/store/sqliteSchema.ts';

const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
  key.export({ type: 'pkcs8', format: 'pem' }).toString();
const seedKey = (keyType: string, privateKeyPem: string, keyId = randomUUID()) => ({
  key_id: keyId,
  user_identifier: 'seeded@example.test',
  key_type: keyType,
  key_environment: 'HOT',
  private_key_pem: privateKeyPem,
});
const seed = (content: object) => JSON.stringify({ format: 'coincover-mock-seed/1', ...content });
const dataBackup = (keyId: string) => ({
  backup_id: randomUUID(),
  key_id: keyId,
  backup_type: 'data',
  checksum: null,
  data: randomBytes(512).toString('base64'),
});

/** Seed file contents by what they hold; null means "write no file". */
const SEEDS: Record<string, () => string | null> = {
  'nothing: the file does not exist': () => null,
  'text that is not JSON': () => '{"format": "coincover-mock-seed/1", "keys": [',
  'JSON of another format': () => JSON.stringify({ openapi: '3.1.0', paths: {} }),
  'an RSA-2048 key': () =>
    seed({
      keys: [
        seedKey('rsa4096', pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)),
      ],
    }),
  'a P-256 key': () =>
    seed({
      keys: [
        seedKey('secp256k1', pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)),
      ],
    }),
  'an ed25519 key labelled secp256k1': () =>
    seed({ keys: [seedKey('secp256k1', pem(generateKeyPairSync('ed25519').privateKey))] }),
  'a key type the service does not issue': () =>
    seed({ keys: [seedKey('rsa2048', pem(generateKeyPairSync('ed25519').privateKey))] }),
  'a snapshot taken without private keys': () =>
    seed({
      private_keys: 'omitted',
      keys: [{ ...seedKey('ed25519', ''), private_key_pem: undefined }],
    }),
  'a backup under a key it does not hold': () => seed({ backups: [dataBackup(randomUUID())] }),
  'a backup under a signer key': () => {
    const keyId = randomUUID();
    return seed({
      keys: [seedKey('ed25519', pem(generateKeyPairSync('ed25519').privateKey), keyId)],
      backups: [dataBackup(keyId)],
    });
  },
  'a good key and a backup under a key it does not hold': () =>
    seed({
      keys: [
        seedKey(
          'secp256k1',
          pem(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey),
        ),
      ],
      backups: [dataBackup(randomUUID())],
    }),
};

export function writeBadSeed(dir: string, what: string): string {
  const make = SEEDS[what];
  if (!make) throw new Error(`no bad seed file "${what}"; known: ${Object.keys(SEEDS).join('; ')}`);
  const file = join(dir, 'seed.json');
  const content = make();
  if (content !== null) writeFileSync(file, content);
  return file;
}

/** Ways a data directory can be bad, each given a directory made by a mock (holding keys) to spoil. */
const DATA_DIRS: Record<string, (dir: string) => string> = {
  'a file that is not a database': (dir) => {
    writeFileSync(join(dir, DATABASE_FILE), randomBytes(8192));
    return dir;
  },
  "another program's SQLite database": (dir) => {
    const db = new Database(join(dir, DATABASE_FILE));
    db.exec(
      "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('alice')",
    );
    db.close();
    return dir;
  },
  'other files and no database': (dir) => {
    writeFileSync(join(dir, 'notes.txt'), 'not the mock');
    mkdirSync(join(dir, 'photos'));
    return dir;
  },
  'a regular file instead of a directory': (dir) => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, 'plain text');
    return file;
  },
};

/** Spoils a data directory that a mock has written (and stopped): its database edited behind its back. */
const SPOILED: Record<string, (db: Database.Database) => void> = {
  'a key whose private key was replaced': (db) =>
    db
      .prepare('UPDATE keys SET private_key_pem = ? WHERE seq = (SELECT min(seq) FROM keys)')
      .run(pem(generateKeyPairSync('ed25519').privateKey)),
  'a newer format': (db) =>
    db.prepare("UPDATE meta SET value = 'coincover-mock-data/2' WHERE name = 'format'").run(),
  'a backup whose ciphertext was cut short': (db) =>
    db
      .prepare(
        'UPDATE backups SET ciphertext = substr(ciphertext, 1, 100) WHERE seq = (SELECT min(seq) FROM backups)',
      )
      .run(),
};

export function makeBadDataDir(dir: string, what: string): string {
  const make = DATA_DIRS[what];
  if (!make)
    throw new Error(`no bad data directory "${what}"; known: ${Object.keys(DATA_DIRS).join('; ')}`);
  return make(dir);
}

export function spoilDataDir(dir: string, what: string): void {
  const spoil = SPOILED[what];
  if (!spoil)
    throw new Error(
      `no way to spoil a data directory with "${what}"; known: ${Object.keys(SPOILED).join('; ')}`,
    );
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    spoil(db);
  } finally {
    db.close();
  }
}

/** Overwrites one page in the middle of the database file with noise, as a torn write or a bad disk would. */
export function tearPage(dir: string, page = 2, pageSize = 4096): void {
  const file = join(dir, DATABASE_FILE);
  const bytes = readFileSync(file);
  randomBytes(pageSize).copy(bytes, page * pageSize);
  writeFileSync(file, bytes);
}
