// `coincover-mock run` stopped by a signal mid-run leaves nothing in the temp folder: not its own
// folder, and not what the client it was running writes there (the client is killed first).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fromPackageRoot } from '../mock-server/packagePaths.ts';

const BIN = fromPackageRoot('bin', 'coincover-mock.mjs');

/** Resolves once the run has started a client, which then writes into its TMPDIR for ever. */
async function clientRunning(temp: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const runs = readdirSync(temp).filter((name) => name.startsWith('coincover-conformance-'));
    const started = runs.some((run) =>
      readdirSync(join(temp, run)).some((name) => name.startsWith('requirement-')),
    );
    if (started) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the run never started a client');
}

describe('coincover-mock run and the temp folder', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} mid-run removes the run's temp folder and stops the client`, async (t) => {
      const temp = mkdtempSync(join(tmpdir(), 'coincover-run-signal-'));
      const reports = mkdtempSync(join(tmpdir(), 'coincover-run-signal-reports-'));
      t.after(() => {
        rmSync(temp, { recursive: true, force: true });
        rmSync(reports, { recursive: true, force: true });
      });
      // A client that keeps writing into its TMPDIR (inside the run's folder) until it is killed.
      const client = `sh -c 'while true; do mkdir -p "$TMPDIR/still-here"; sleep 0.1; done'`;
      const run = spawn(
        process.execPath,
        [BIN, 'run', '--client', client, '--tags', '@req-backup-hot', '--reports', reports],
        { env: { ...process.env, TMPDIR: temp, TSX_DISABLE_CACHE: '1' }, stdio: 'ignore' },
      );
      await clientRunning(temp);
      run.kill(signal);
      const [code, killedBy] = (await once(run, 'exit')) as [number | null, string | null];
      assert.equal(code, signal === 'SIGINT' ? 130 : 143, `exit ${code} ${killedBy}`);
      await new Promise((done) => setTimeout(done, 500)); // a surviving client would write again
      assert.deepEqual(readdirSync(temp), []);
    });
  }
});
