/**
 * The integration under test: the client command given to `coincover-mock test --client` (in
 * COINCOVER_TEST_CLIENT), run as the conformance runner runs it, with the client contract's
 * environment (docs/client-contract.md) for the scenario's user, and judged by what the mock saw.
 */
import assert from 'node:assert/strict';
import { runClient, shellCommand, type ClientCommand } from '../../runner/clientProcess.ts';
import { contractEnv } from '../support/clientRuns.ts';
import { defineStep } from '../support/defineStep.ts';
import { newSeedPhrase } from '../support/secrets.ts';
import type { CoinCoverWorld, Environment } from '../support/world.ts';

/** A client run may take a while on a loaded machine; the step allows a little more. */
const CLIENT_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 90_000;

function integrationCommand(world: CoinCoverWorld): ClientCommand {
  if (world.integration) return world.integration;
  const line = process.env.COINCOVER_TEST_CLIENT;
  if (!line)
    throw new Error(
      `no integration to run${world.where()}: pass the client command with --client "<command>" (coincover-mock test), or set COINCOVER_TEST_CLIENT`,
    );
  return shellCommand(line);
}

/** Runs the integration once in flow mode; keeps the run and the journal entries of its requests. */
export async function runIntegration(
  world: CoinCoverWorld,
  environment: Environment,
  plaintext: string,
): Promise<void> {
  const command = integrationCommand(world);
  world.secretPlaintext = plaintext;
  const marker = await world.control.journalMarker();
  const run = await runClient(command, {
    env: contractEnv(world, environment, plaintext),
    timeoutMs: CLIENT_TIMEOUT_MS,
  });
  world.integrationRun = { run, entries: await world.control.journalSince(marker) };
}

function lastRun(world: CoinCoverWorld) {
  const recorded = world.integrationRun;
  assert.ok(recorded, `the integration was not run before this step${world.where()}`);
  return recorded;
}

defineStep(
  {
    domain: 'integration',
    keyword: 'When',
    text: 'the integration backs up {string}',
    parameters: { string: 'the recovery material, written to COINCOVER_PLAINTEXT_FILE' },
    example: 'When the integration backs up "legal winner thank year wave sausage worth useful"',
    description:
      'Runs the client under test once (flow mode) for a HOT key: it assigns a key, checks the signature, and backs up the text and a wallet file.',
    options: { timeout: STEP_TIMEOUT_MS },
  },
  async function (text: string) {
    await runIntegration(this, 'HOT', text);
  },
);

defineStep(
  {
    domain: 'integration',
    keyword: 'When',
    text: 'the integration backs up {string} in a {environment} key',
    parameters: { string: 'the recovery material', environment: 'COINCOVER_KEY_ENVIRONMENT' },
    example: 'When the integration backs up "treasury chain code" in a COLD key',
    description: 'As above, in a key of that environment.',
    options: { timeout: STEP_TIMEOUT_MS },
  },
  async function (text: string, environment: Environment) {
    await runIntegration(this, environment, text);
  },
);

defineStep(
  {
    domain: 'integration',
    keyword: 'When',
    text: 'the integration backs up a seed phrase and a file in a {environment} key',
    parameters: { environment: 'COINCOVER_KEY_ENVIRONMENT' },
    example: 'When the integration backs up a seed phrase and a file in a HOT key',
    description:
      'As above, with a fresh test phrase that the feature never names (so reports can be scanned for it).',
    options: { timeout: STEP_TIMEOUT_MS },
  },
  async function (environment: Environment) {
    await runIntegration(this, environment, newSeedPhrase());
  },
);

defineStep(
  {
    domain: 'integration',
    keyword: 'Then',
    text: 'the integration succeeds and reports its key and backups',
    example: 'Then the integration succeeds and reports its key and backups',
    description:
      'It exited 0 with a JSON result line holding key_id, backup_id and file_backup_id, and printed neither the plaintext nor the API key.',
  },
  function () {
    const { run } = lastRun(this);
    assert.equal(run.exitCode, 0, `exit ${run.exitCode}: ${run.stderrTail}`);
    assert.ok(run.result, `no JSON result line: ${run.stdout.slice(-300)}`);
    for (const field of ['key_id', 'backup_id', 'file_backup_id'])
      assert.match(String(run.result[field]), /^[0-9a-f-]{36}$/, field);
    assert.ok(
      !run.stdout.includes(this.secretPlaintext ?? '\u0000') &&
        !run.stderrTail.includes(this.token ?? '\u0000'),
      'the integration printed a secret',
    );
  },
);

defineStep(
  {
    domain: 'integration',
    keyword: 'Then',
    text: 'the mock saw the whole flow under its key with no fault',
    example: 'Then the mock saw the whole flow under its key with no fault',
    description:
      'Under the key it reported: the assignment, the data backup and the file backup, in that order, each answered 200 with no fault, with the backup ids it reported.',
  },
  function () {
    const { run, entries } = lastRun(this);
    assert.ok(run.result, `no JSON result line: ${run.stdout.slice(-300)}`);
    const mine = entries.filter((e) => e.key_id === run.result?.key_id);
    assert.deepEqual(
      mine.map((e) => [e.path, e.status, e.faults.length]),
      [
        ['/v1/partner/keys', 200, 0],
        ['/v1/partner/secure/data', 200, 0],
        ['/v1/partner/secure/file', 200, 0],
      ],
    );
    assert.deepEqual(
      mine.slice(1).map((e) => e.backup_id),
      [run.result.backup_id, run.result.file_backup_id],
    );
  },
);

defineStep(
  {
    domain: 'integration',
    keyword: 'Then',
    text: "the mock names {string} on the integration's requests, and nothing else",
    parameters: { string: 'a fault code' },
    example:
      'Then the mock names "oaep_mgf1_mismatch" on the integration\'s requests, and nothing else',
    description: 'Across every request of the run, exactly this fault code, and no 5xx answer.',
  },
  function (code: string) {
    const { run, entries } = lastRun(this);
    const named = [...new Set(entries.flatMap((e) => e.faults.map((f) => f.code)))];
    assert.deepEqual(
      named,
      [code],
      `journal: ${JSON.stringify(entries.map((e) => [e.path, e.status, e.faults.map((f) => f.code)]))}; stderr: ${run.stderrTail.slice(-300)}`,
    );
    assert.ok(!entries.some((e) => e.status >= 500), 'the mock answered 5xx');
  },
);

defineStep(
  {
    domain: 'integration',
    keyword: 'Then',
    text: 'the integration exits {int}',
    parameters: { int: 'the exit status' },
    example: 'Then the integration exits 3',
    description:
      "The client's exit status (the reference client exits 3 when it refuses a key whose signature does not verify).",
  },
  function (status: number) {
    const { run } = lastRun(this);
    assert.equal(run.exitCode, status, `exit ${run.exitCode}: ${run.stderrTail.slice(-500)}`);
  },
);
