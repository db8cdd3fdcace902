/**
 * One temporary folder per run, removed however the run ends: when the run finishes or throws
 * (remove()), when the process exits early, and on SIGINT or SIGTERM, which would otherwise end
 * the process before any `finally` could run. On a signal, the clients still running are killed
 * first (they write into the folder: a client's TMPDIR is inside it), then the process exits
 * with 128 + the signal's number, as the default action would have, unless something else
 * listens for that signal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { killRunningClients } from './clientProcess.ts';

export interface RunTempDir {
  readonly path: string;
  /** Removes the folder and forgets the handlers; safe to call twice. */
  remove(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function createRunTempDir(prefix: string): RunTempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  let removed = false;
  const removeFolder = () => {
    if (removed) return;
    removed = true;
    rmSync(path, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killRunningClients();
    remove();
    if (process.listenerCount(signal) === 0) process.exit(128 + constants.signals[signal]);
  };
  const remove = () => {
    removeFolder();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', removeFolder);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  process.once('exit', removeFolder);
  return { path, remove };
}
