/**
 * better-sqlite3 is an optional dependency: only --data-dir needs it, and its native build may
 * fail or be skipped (`npm install --ignore-scripts`). It is loaded on first use, synchronously
 * (it is a CommonJS package), and a missing or unbuilt module becomes one line saying what to do.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

export class MissingDependencyError extends Error {
  override readonly name = 'MissingDependencyError';
}

export const SQLITE_MISSING =
  '--data-dir needs the optional dependency better-sqlite3, which is not installed or not built here: run `npm install better-sqlite3@12` in your project (it compiles with python3, make and a C++ compiler where no prebuilt binary fits), or leave out --data-dir to keep state in memory';

let loaded: typeof BetterSqlite3 | undefined;

/** The better-sqlite3 constructor, or a MissingDependencyError. */
export function loadSqlite(): typeof BetterSqlite3 {
  if (loaded) return loaded;
  let module: typeof BetterSqlite3;
  try {
    module = require('better-sqlite3') as typeof BetterSqlite3;
  } catch {
    throw new MissingDependencyError(SQLITE_MISSING);
  }
  // The JavaScript loads without the native addon; the addon loads on the first database.
  try {
    new module(':memory:').close();
  } catch {
    throw new MissingDependencyError(SQLITE_MISSING);
  }
  loaded = module;
  return module;
}
