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
import { DATABASE_FILE } from './sqliteSchema.ts';
import type { Store } from './store.ts';

export interface MockState {
  store: Store;
  journal: Journal;
  /** Seeded pool keys not already issued (a restart on a data directory must not hand one out twice). */
  pool: KeyObject[];
  /** What seeding added at start. */
  seeded: { keys: number; backups: number };
  /** Adds the seeds again (after a reset); reports what it added. */
  reseed(): { keys: number; backups: number };
}

export function openState(config: Config, storeOverride?: Store): MockState {
  const seeds = config.seedFiles.map(readSeedFile);
  const sqlite = storeOverride === undefined && config.dataDir !== undefined ? openDataDir(config.dataDir) : undefined;
  const store = storeOverride ?? sqlite ?? new MemoryStore();
  try {
    const journal = sqlite ? new DurableJournal(config.journalLimit, sqlite) : new Journal(config.journalLimit);
    const reseed = () => applySeeds(store, seeds);
    const seeded = reseed();
    const pool = seeds.flatMap((seed) => seed.pool).filter((key) => !store.keyByPublicKey(spkiHex(key)));
    return { store, journal, pool, seeded, reseed };
  } catch (error) {
    store.close();
    const sqliteCode = (error as { code?: unknown }).code;
    if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_') && config.dataDir !== undefined) {
      throw new Error(`${join(resolve(config.dataDir), DATABASE_FILE)}: ${describeSqliteError(error)}, while adding the seed files; nothing of them was added`);
    }
    throw error;
  }
}
