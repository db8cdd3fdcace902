/** Running a whole client, as the conformance runner does: the reference client, in a child process. */
import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { request } from 'undici';
import { referenceClientCommand, shellClientCommand } from '../fixtures/clients/commands.ts';
import { runClient, type ClientRun } from '../runner/clientProcess.ts';
import { contractEnv } from './support/clientRuns.ts';
import { newSeedPhrase } from './support/secrets.ts';
import type { CoinCoverWorld } from './support/world.ts';

const runs = new WeakMap<CoinCoverWorld, ClientRun>();

When(
  'the {word} client backs up a seed phrase and a file in a {word} key',
  { timeout: 90_000 },
  async function (this: CoinCoverWorld, which: string, environment: string) {
    const plaintext = newSeedPhrase();
    const command =
      which === 'reference'
        ? referenceClientCommand
        : which === 'shell'
          ? shellClientCommand
          : undefined;
    assert.ok(command, `no client called ${which}`);
    this.secretPlaintext = plaintext;
    runs.set(
      this,
      await runClient(command, {
        env: contractEnv(this, environment, plaintext),
        timeoutMs: 60_000,
      }),
    );
  },
);

Then('the client succeeds and reports its key and backups', function (this: CoinCoverWorld) {
  const run = runs.get(this);
  assert.ok(run, 'no client was run');
  assert.equal(run.exitCode, 0, `exit ${run.exitCode}: ${run.stderrTail}`);
  assert.ok(run.result, `no JSON result line: ${run.stdout.slice(-300)}`);
  for (const field of ['key_id', 'backup_id', 'file_backup_id'])
    assert.match(String(run.result[field]), /^[0-9a-f-]{36}$/, field);
  assert.ok(
    !run.stdout.includes(this.secretPlaintext ?? '\u0000') &&
      !run.stderrTail.includes('test-partner-key'),
    'the client printed a secret',
  );
});

Then(
  'the mock saw the whole flow under its key with no fault',
  async function (this: CoinCoverWorld) {
    const run = runs.get(this);
    assert.ok(run?.result);
    const answer = await request(`${this.baseUrl}/_mock/requests?limit=50`);
    const { requests } = (await answer.body.json()) as {
      requests: Array<{
        path: string;
        status: number;
        key_id: string | null;
        backup_id: string | null;
        faults: unknown[];
      }>;
    };
    const mine = requests.filter((r) => r.key_id === run.result?.key_id).reverse();
    assert.deepEqual(
      mine.map((r) => [r.path, r.status, r.faults.length]),
      [
        ['/v1/partner/keys', 200, 0],
        ['/v1/partner/secure/data', 200, 0],
        ['/v1/partner/secure/file', 200, 0],
      ],
    );
    assert.deepEqual(
      mine.slice(1).map((r) => r.backup_id),
      [run.result.backup_id, run.result.file_backup_id],
    );
  },
);
