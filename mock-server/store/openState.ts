/**
 * The mock's state at start: read every seed file, open the store (in memory, or the SQLite
 * database of --data-dir) and its journal, then add the seeds' keys and backups. Seeds are read
 * and checked whole before the store is touched, and added in one transaction, so a bad seed or
 * data directory stops start-up with nothing half-loaded.
 */
import type { KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { spkiHex } from '../crypto/rsaKeys.ts';
import { Journal } from '../diagnostics/journal.ts';
import { describeSqliteError, openDataDir } from './dataDir.ts';
import { DurableJournal } from './durableJournal.ts';
import { MemoryStore } from './memoryStore.ts';
import { applySeeds, readSeedFile } from './seedFile.ts';
import { TEST_POOL_SEED } from './shippedSeeds.ts';
import { DATABASE_FILE } from './sqliteSchema.ts';
import type { Store } from './store.ts';

export interface MockState {
  store: Store;
  journal: Journal;
  /** Seeded pool keys not already issued (a restart on a data directory must not hand one out twice), each once. */
  pool: KeyObject[];
  /** Where the pool's first keys come from, for the ready line. */
  poolSource: string;
  /** What seeding added at start. */
  seeded: { keys: number; backups: number };
  /** Adds the seeds again (after a reset); reports what it added. */
  reseed(): { keys: number; backups: number };
}

/** The seed files to read: the shipped test pool first (unless turned off), each file once. */
function seedFilesOf(config: Config): string[] {
  const files = [...(config.testPool ? [TEST_POOL_SEED] : []), ...config.seedFiles].map((file) =>
    resolve(file),
  );
  return [...new Set(files)];
}

/** Pool keys that no stored key uses, each once (two seed files may hold the same key). */
function unissued(keys: KeyObject[], store: Store): KeyObject[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const hex = spkiHex(key);
    if (seen.has(hex) || store.keyByPublicKey(hex)) return false;
    seen.add(hex);
    return true;
  });
}

export function openState(config: Config, storeOverride?: Store): MockState {
  const seedFiles = seedFilesOf(config);
  const seeds = seedFiles.map(readSeedFile);
  const sqlite =
    storeOverride === undefined && config.dataDir !== undefined
      ? openDataDir(config.dataDir)
      : undefined;
  const store = storeOverride ?? sqlite ?? new MemoryStore();
  try {
    const journal = sqlite
      ? new DurableJournal(config.journalLimit, sqlite)
      : new Journal(config.journalLimit);
    const reseed = () => applySeeds(store, seeds);
    const seeded = reseed();
    const pool = unissued(
      seeds.flatMap((seed) => seed.pool),
      store,
    );
    const shipped = new Set(seeds.find((seed) => seed.file === TEST_POOL_SEED)?.pool ?? []);
    const fromShipped = pool.filter((key) => shipped.has(key)).length;
    const origins = [
      fromShipped > 0 && 'the shipped test keys',
      pool.length > fromShipped && 'the seed files',
    ]
      .filter(Boolean)
      .join(' and ');
    const poolSource = origins ? `${origins} first, then generated` : 'generated';
    return { store, journal, pool, poolSource, seeded, reseed };
  } catch (error) {
    store.close();
    const sqliteCode = (error as { code?: unknown }).code;
    if (
      typeof sqliteCode === 'string' &&
      sqliteCode.startsWith('SQLITE_') &&
      config.dataDir !== undefined
    ) {
      throw new Error(
        `${join(resolve(config.dataDir), DATABASE_FILE)}: ${describeSqliteError(error)}, while adding the seed files; nothing of them was added`,
      );
    }
    throw error;
  }
}
