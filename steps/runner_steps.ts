/**
 * The conformance runner's self-tests: the runner, run as a user runs it (a child process), must
 * pass the reference clients, fail each broken client with exactly its fault code, and give every
 * bad input a clear verdict.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then, When } from '@cucumber/cucumber';
import { XMLParser } from 'fast-xml-parser';
import { brokenClients, type BrokenClientCode } from '../fixtures/clients/broken/index.ts';
import { runClient } from '../runner/clientProcess.ts';
import { SHELL_CLIENT, tsxCommandLine } from '../fixtures/clients/commands.ts';
import type { CoinCoverWorld } from './support/world.ts';

const CLI = fileURLToPath(new URL('../mock-server/cli.ts', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

interface RunnerRun {
  status: number | null;
  stdout: string;
  stderr: string;
  reports: string;
}

/** A whole conformance run, as a child process, can take a while on a loaded machine. */
const RUNNER_TIMEOUT_MS = 240_000;

const runs = new WeakMap<CoinCoverWorld, RunnerRun>();
const allowLists = new WeakMap<CoinCoverWorld, string>();

const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
const tsClient = tsxCommandLine;

const CLIENTS: Record<string, string> = {
  'the reference client': tsClient(join(FIXTURES, 'clients/reference/cli.ts')),
  'the shell client': `bash ${quote(SHELL_CLIENT)}`,
  'a command that does not exist': 'coincover-client-that-does-not-exist --flow',
  'a client that hangs': 'sleep 617 & sleep 618',
  'a client that crashes': `${quote(process.execPath)} -e "throw new Error('boom')"`,
  'a client that prints garbage': `echo 'this is not JSON'`,
};

/**
 * Runs the CLI as a child process. Asynchronously: the mock these scenarios share lives in this
 * process, and a blocked event loop would break its keep-alive connections.
 */
async function coincoverMock(world: CoinCoverWorld, args: string[]): Promise<RunnerRun> {
  const reports = mkdtempSync(join(tmpdir(), 'runner-selftest-'));
  const result = await runClient(
    { command: process.execPath, args: ['--import', import.meta.resolve('tsx'), CLI, ...args.map((a) => a.replace('{reports}', reports))] },
    { env: {}, timeoutMs: RUNNER_TIMEOUT_MS - 10_000, cwd: tmpdir() },
  );
  const run = { status: result.exitCode, stdout: result.stdout, stderr: result.stderrTail, reports };
  runs.set(world, run);
  return run;
}

function runGate(world: CoinCoverWorld, client: string, extra: string[] = []): Promise<RunnerRun> {
  return coincoverMock(world, ['run', '--client', client, '--reports', '{reports}', ...extra]);
}

const lastRun = (world: CoinCoverWorld): RunnerRun => {
  const run = runs.get(world);
  assert.ok(run, 'the runner was not run');
  return run;
};

interface Summary {
  passed: boolean;
  requirements: Array<{ requirement: string; verdict: string; fault_codes: string[]; findings: Array<{ message: string; evidence: Record<string, unknown> }> }>;
}
const summary = (world: CoinCoverWorld) => JSON.parse(readFileSync(join(lastRun(world).reports, 'conformance.json'), 'utf8')) as Summary;

When('the conformance runner checks {string}', { timeout: RUNNER_TIMEOUT_MS }, async function (this: CoinCoverWorld, which: string) {
  const client = CLIENTS[which];
  assert.ok(client, `no client called "${which}"`);
  await runGate(this, client, which === 'a client that hangs' ? ['--timeout', '2', '--tags', '@req-backup-hot'] : which.startsWith('the ') ? [] : ['--tags', '@req-backup-hot']);
});

When('the conformance runner checks the broken client {string} on {string}', { timeout: RUNNER_TIMEOUT_MS }, async function (this: CoinCoverWorld, code: string, tags: string) {
  const entry = brokenClients[code as BrokenClientCode];
  assert.ok(entry, `no broken client ${code}`);
  await runGate(this, tsClient(entry), ['--tags', tags, ...(allowLists.has(this) ? ['--expected-failures', allowLists.get(this) as string] : [])]);
});

Given('an expected-failures file allowing {string} to fail with {string}', function (this: CoinCoverWorld, requirement: string, fault: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'allow-')), 'expected-failures.yaml');
  writeFileSync(file, `- requirement: ${requirement}\n  fault: ${fault}\n  reason: fix scheduled\n`);
  allowLists.set(this, file);
});

When('the conformance runner checks the reference client with that expected-failures file', { timeout: RUNNER_TIMEOUT_MS }, async function (this: CoinCoverWorld) {
  await runGate(this, CLIENTS['the reference client'] as string, ['--tags', '@req-backup-hot', '--expected-failures', allowLists.get(this) as string]);
});

When('the conformance runner is given an expected-failures file whose line {int} is broken', { timeout: RUNNER_TIMEOUT_MS }, async function (this: CoinCoverWorld, line: number) {
  const lines = ['- requirement: backup-hot', '  fault: oaep_label', '  reason: fix scheduled', '- requirement: backup-cold'];
  lines.splice(line - 1, 0, '  colour: red');
  const file = join(mkdtempSync(join(tmpdir(), 'allow-')), 'broken.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  await runGate(this, CLIENTS['the reference client'] as string, ['--expected-failures', file]);
});

When('check-config is run on {string}', { timeout: RUNNER_TIMEOUT_MS }, async function (this: CoinCoverWorld, files: string) {
  await coincoverMock(this, ['check-config', ...files.split(/\s+/).map((f) => join(FIXTURES, 'configs', f))]);
});

Then('the runner exits {int}', function (this: CoinCoverWorld, status: number) {
  const run = lastRun(this);
  assert.equal(run.status, status, `exit ${run.status}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-800)}`);
});

Then('every requirement passed or was not checked', function (this: CoinCoverWorld) {
  const s = summary(this);
  assert.equal(s.passed, true);
  const bad = s.requirements.filter((r) => r.verdict !== 'pass' && r.verdict !== 'not-checked');
  assert.deepEqual(bad, []);
  assert.ok(s.requirements.filter((r) => r.verdict === 'pass').length >= 9, 'fewer than 9 requirements passed');
});

Then('the gate names exactly {string}', function (this: CoinCoverWorld, code: string) {
  const s = summary(this);
  assert.equal(s.passed, false);
  const named = [...new Set(s.requirements.flatMap((r) => r.fault_codes))];
  assert.deepEqual(named, [code], JSON.stringify(s.requirements.map((r) => [r.requirement, r.verdict, r.fault_codes])));
});

Then('the verdict of {string} is {string}', function (this: CoinCoverWorld, requirement: string, verdict: string) {
  const found = summary(this).requirements.find((r) => r.requirement === requirement);
  assert.equal(found?.verdict, verdict);
});

Then('the gate names {string} with {string} in its evidence', function (this: CoinCoverWorld, code: string, text: string) {
  const s = summary(this);
  const findings = s.requirements.flatMap((r) => r.findings.filter(() => r.fault_codes.includes(code)));
  assert.ok(findings.length > 0, `no ${code}: ${JSON.stringify(s.requirements.map((r) => r.fault_codes))}`);
  assert.ok(findings.some((f) => JSON.stringify(f).includes(text)), JSON.stringify(findings).slice(0, 800));
});

Then('the output names {string}', function (this: CoinCoverWorld, text: string) {
  const run = lastRun(this);
  assert.ok(`${run.stdout}\n${run.stderr}`.includes(text), `"${text}" not in:\n${run.stdout.slice(-800)}\n${run.stderr.slice(-800)}`);
});

Then('the reports hold a JUnit test case per scenario, and no secret', function (this: CoinCoverWorld) {
  const run = lastRun(this);
  const xml = readFileSync(join(run.reports, 'cucumber-junit.xml'), 'utf8');
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { testsuite: { testcase: unknown[] | unknown } };
  const cases = ([] as unknown[]).concat(parsed.testsuite.testcase);
  assert.equal(cases.length, summary(this).requirements.length);
  for (const file of ['conformance.json', 'conformance.md', 'cucumber.json', 'cucumber.ndjson', 'cucumber-junit.xml', 'cucumber.html']) {
    const text = readFileSync(join(run.reports, file), 'utf8');
    for (const secret of ['test-partner-key', 'legal winner thank year', 'PRIVATE KEY']) assert.ok(!text.includes(secret), `${file} contains "${secret}"`);
  }
});

Then('no process of the hung client is left running', function (this: CoinCoverWorld) {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  assert.ok(!/sleep 61[78]/.test(ps.stdout), 'the hung client or its child is still running');
});
