/**
 * The conformance runner's self-tests: the runner, run as a user runs it (a child process), must
 * pass the reference clients, fail each broken client with exactly its fault code, and give every
 * bad input a clear verdict. Every run's reports go under reports/runner-self-tests/, where the
 * suite's secret scan reads them too, and each is scanned here for the runner's secrets in every
 * encoding.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BeforeAll, Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { XMLParser } from 'fast-xml-parser';
import {
  brokenClients,
  codeOfBrokenClient,
  type BrokenClientName,
} from '../../fixtures/clients/broken/index.ts';
import { REFERENCE_CLIENT, SHELL_CLIENT, tsxCommandLine } from '../../fixtures/clients/commands.ts';
import { fromPackageRoot, nodeArgsFor } from '../../mock-server/packagePaths.ts';
import { runClient } from '../../runner/clientProcess.ts';
import { RUNNER_SECRETS } from '../../runner/recoveryMaterial.ts';
import { findSecret } from '../../runner/redaction.ts';
import type { ProjectWorld, RunnerRun } from './world.ts';

const FIXTURES = fromPackageRoot('fixtures');
/** Self-test reports: beside the suite's own, so the suite's secret scan reads them too. */
export const SELF_TEST_REPORTS = fromPackageRoot('reports', 'runner-self-tests');

/** A whole conformance run, as a child process, can take a while on a loaded machine. */
const RUNNER_TIMEOUT_MS = 300_000;
/** Broken-client runs at once: the machine has two cores. */
const CONCURRENCY = 2;
/** No report of a run may grow with what a client prints. */
const REPORT_LIMIT_BYTES = 2 * 1024 * 1024;

const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
const reference = tsxCommandLine(REFERENCE_CLIENT);

const CLIENTS: Record<string, string> = {
  'the reference client': reference,
  'the shell client': `bash ${quote(SHELL_CLIENT)}`,
  'a command that does not exist': 'coincover-client-that-does-not-exist --flow',
  'a client that hangs': 'sleep 617 & sleep 618',
  'a client that hangs after writing to its temp folder':
    'f=$(mktemp) && echo partial > "$f"; sleep 617 & sleep 618',
  'a client that crashes': `${quote(process.execPath)} -e "throw new Error('boom')"`,
  'a client that prints garbage': `echo 'this is not JSON'`,
  'a client that prints garbage in functions mode': `if [ "$COINCOVER_MODE" = functions ]; then echo 'Traceback (most recent call last):'; else exec ${reference}; fi`,
  'a client that floods stdout and stderr': `head -c 8000000 /dev/zero | tr '\\0' x; head -c 8000000 /dev/zero | tr '\\0' y >&2; exit 1`,
  'a client whose children outlive it': 'sleep 619 & echo not json',
  'a client that closes stdin early': 'exec 0<&-; sleep 0.2; exit 3',
  'a client that takes 6 s per run': `sleep 6; exec ${reference}`,
  'a client without functions mode': `if [ "$COINCOVER_MODE" = functions ]; then while read -r line; do echo '{"id":null,"error":"not_implemented"}'; done; else exec ${reference}; fi`,
};

/** Which requirements (and time limit) each named client is run on. */
const RUN_ARGS: Record<string, string[]> = {
  'the reference client': ['--config', join(FIXTURES, 'configs', 'production.env')],
  'the shell client': ['--config', join(FIXTURES, 'configs', 'production.env')],
  'a client that hangs': ['--timeout', '2', '--tags', '@req-backup-hot'],
  'a client that hangs after writing to its temp folder': [
    '--timeout',
    '2',
    '--tags',
    '@req-backup-hot',
  ],
  'a client that prints garbage in functions mode': ['--tags', '@req-hex-to-pem'],
  'a client that closes stdin early': ['--tags', '@req-hex-to-pem'],
  'a client that takes 6 s per run': ['--timeout', '30', '--tags', '@req-backup-hot'],
  'a client without functions mode': ['--tags', '@req-hex-to-pem'],
};

BeforeAll(function () {
  rmSync(SELF_TEST_REPORTS, { recursive: true, force: true });
});

/**
 * Runs the CLI as a child process. Asynchronously: the mock these scenarios share lives in this
 * process, and a blocked event loop would break its keep-alive connections.
 */
async function coincoverMock(args: string[], env: Record<string, string> = {}): Promise<RunnerRun> {
  const reports = join(SELF_TEST_REPORTS, randomUUID().slice(0, 8));
  mkdirSync(reports, { recursive: true });
  const result = await runClient(
    {
      command: process.execPath,
      args: [
        ...nodeArgsFor('mock-server/cli.ts'),
        ...args.map((a) => a.replace('{reports}', reports)),
      ],
    },
    { env, timeoutMs: RUNNER_TIMEOUT_MS - 10_000, cwd: tmpdir() },
  );
  return { status: result.exitCode, stdout: result.stdoutTail, stderr: result.stderrTail, reports };
}

async function runGate(
  world: ProjectWorld,
  client: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<RunnerRun> {
  const allow = world.allowList ? ['--expected-failures', world.allowList] : [];
  const run = await coincoverMock(
    ['run', '--client', client, '--reports', '{reports}', ...extra, ...allow],
    env,
  );
  world.runnerRun = run;
  return run;
}

const lastRun = (world: ProjectWorld): RunnerRun => {
  const run = world.runnerRun;
  assert.ok(run, 'the runner was not run');
  return run;
};

interface Summary {
  passed: boolean;
  requirements: Array<{
    requirement: string;
    verdict: string;
    fault_codes: string[];
    findings: Array<{ message: string; evidence: Record<string, unknown> }>;
    observed: string[];
  }>;
}
const summaryOf = (run: RunnerRun) =>
  JSON.parse(readFileSync(join(run.reports, 'conformance.json'), 'utf8')) as Summary;
const summary = (world: ProjectWorld) => summaryOf(lastRun(world));

const clientCommand = (which: string): string => {
  const client = CLIENTS[which];
  assert.ok(client, `no client called "${which}"`);
  return client;
};

const brokenCommand = (name: string): string => {
  const entry = brokenClients[name as BrokenClientName];
  assert.ok(entry, `no broken client ${name}`);
  return tsxCommandLine(entry);
};

/** Every report file of a run, recursively (journal entries included). */
function reportFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** The reports of a run hold no secret of the runner's, in any encoding, and none is unbounded. */
function assertReportsClean(run: RunnerRun): void {
  for (const file of reportFiles(run.reports)) {
    const text = readFileSync(file, 'utf8');
    assert.ok(statSync(file).size < REPORT_LIMIT_BYTES, `${file} is ${statSync(file).size} bytes`);
    const hit = findSecret(text, RUNNER_SECRETS);
    assert.equal(hit, undefined, `${file} holds the ${hit?.label} (${hit?.form})`);
    assert.ok(!text.includes('PRIVATE KEY'), `${file} holds a private key`);
  }
}

/** Finding messages say what happened: never "undefined". */
function assertNoUndefined(s: Summary): void {
  for (const r of s.requirements)
    for (const f of r.findings)
      assert.ok(!/\bundefined\b/.test(f.message), `${r.requirement}: "${f.message}"`);
}

When(
  'the conformance runner checks {string}',
  { timeout: RUNNER_TIMEOUT_MS },
  async function (this: ProjectWorld, which: string) {
    await runGate(this, clientCommand(which), RUN_ARGS[which] ?? ['--tags', '@req-backup-hot']);
  },
);

When(
  'the conformance runner checks {string} with {string}',
  { timeout: RUNNER_TIMEOUT_MS },
  async function (this: ProjectWorld, which: string, options: string) {
    await runGate(this, clientCommand(which), [
      ...(RUN_ARGS[which] ?? []),
      ...options.split(/\s+/).filter(Boolean),
    ]);
  },
);

When(
  'the conformance runner checks the broken client {string} on {string}',
  { timeout: RUNNER_TIMEOUT_MS },
  async function (this: ProjectWorld, name: string, tags: string) {
    await runGate(this, brokenCommand(name), ['--tags', tags]);
  },
);

When(
  'the conformance runner checks each broken client on its requirements:',
  { timeout: 30 * 60_000 },
  async function (this: ProjectWorld, table: DataTable) {
    const rows = table.hashes();
    const results: Array<{ row: Record<string, string>; run: RunnerRun }> = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < rows.length; i = next++) {
        const row = rows[i]!;
        const run = await coincoverMock([
          'run',
          '--client',
          brokenCommand(row.client ?? ''),
          '--reports',
          '{reports}',
          '--tags',
          row.requirements ?? '',
        ]);
        results[i] = { row, run };
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    this.runnerTable = results;
  },
);

Then(
  'each fails the gate, naming exactly its fault and what it observed',
  function (this: ProjectWorld) {
    const table = this.runnerTable ?? [];
    const problems: string[] = [];
    for (const { row, run } of table) {
      const code = row.fault ?? codeOfBrokenClient(row.client ?? '');
      try {
        assert.equal(run.status, 1, `exit ${run.status}: ${run.stderr.slice(-400)}`);
        const s = summaryOf(run);
        assert.equal(s.passed, false);
        assert.deepEqual(
          [...new Set(s.requirements.flatMap((r) => r.fault_codes))],
          [code],
          JSON.stringify(s.requirements.map((r) => [r.requirement, r.verdict, r.fault_codes])),
        );
        if (row.evidence)
          assert.ok(
            JSON.stringify(s.requirements.flatMap((r) => r.findings)).includes(row.evidence),
            `"${row.evidence}" not in ${JSON.stringify(s.requirements.flatMap((r) => r.findings)).slice(0, 600)}`,
          );
        assertNoUndefined(s);
        assertReportsClean(run);
      } catch (error) {
        problems.push(`${row.client}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    assert.deepEqual(problems, []);
  },
);

Given(
  'an expected-failures file allowing {string} to fail with {string}',
  function (this: ProjectWorld, requirement: string, fault: string) {
    const dir = mkdtempSync(join(tmpdir(), 'allow-'));
    this.written.push(dir);
    const file = join(dir, 'expected-failures.yaml');
    writeFileSync(
      file,
      `- requirement: ${requirement}\n  fault: ${fault}\n  reason: fix scheduled\n`,
    );
    this.allowList = file;
  },
);

When(
  'the conformance runner checks the reference client with that expected-failures file',
  { timeout: RUNNER_TIMEOUT_MS },
  async function (this: ProjectWorld) {
    await runGate(this, reference, ['--tags', '@req-backup-hot']);
  },
);

When(
  'the conformance runner is given an expected-failures file whose line {int} is broken',
  { timeout: RUNNER_TIMEOUT_MS },
  async function (this: ProjectWorld, line: number) {
    const lines = [
      '- requirement: backup-hot',
      '  fault: oaep_label',
      '  reason: fix scheduled',
      '- requirement: backup-cold',
    ];
    lines.splice(line - 1, 0, '  colour: red');
    const dir = mkdtempSync(join(tmpdir(), 'allow-'));
    this.written.push(dir);
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await runGate(this, reference, ['--expected-failures', file]);
  },
);

When(
  'the conformance runner checks {string} with its own temp folder',
  { timeout: RUNNER_TIMEOUT_MS },
  async function (this: ProjectWorld, which: string) {
    const dir = mkdtempSync(join(tmpdir(), 'runner-tmpdir-'));
    this.written.push(dir);
    this.runnerTmpdir = dir;
    await runGate(this, clientCommand(which), RUN_ARGS[which] ?? ['--tags', '@req-backup-hot'], {
      TMPDIR: dir,
    });
  },
);

When(
  'check-config is run on {string}',
  { timeout: RUNNER_TIMEOUT_MS },
  async function (this: ProjectWorld, files: string) {
    this.runnerRun = await coincoverMock([
      'check-config',
      ...files.split(/\s+/).map((f) => join(FIXTURES, 'configs', f)),
    ]);
  },
);

Then('the runner exits {int}', function (this: ProjectWorld, status: number) {
  const run = lastRun(this);
  assert.equal(
    run.status,
    status,
    `exit ${run.status}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-800)}`,
  );
});

Then('every requirement passed', function (this: ProjectWorld) {
  const s = summary(this);
  assert.equal(s.passed, true);
  const bad = s.requirements.filter((r) => r.verdict !== 'pass');
  assert.deepEqual(bad, []);
  assert.ok(s.requirements.length >= 23, `only ${s.requirements.length} requirements ran`);
  const silent = s.requirements.filter((r) => r.observed.length === 0).map((r) => r.requirement);
  assert.deepEqual(silent, [], 'passing rows that say nothing of what was observed');
});

Then(
  'the verdict of {string} is {string}',
  function (this: ProjectWorld, requirement: string, verdict: string) {
    const found = summary(this).requirements.filter((r) => r.requirement === requirement);
    assert.ok(found.length > 0, `no requirement ${requirement}`);
    assert.deepEqual([...new Set(found.map((r) => r.verdict))], [verdict]);
  },
);

Then(
  'the gate names {string} with {string} in its evidence',
  function (this: ProjectWorld, code: string, text: string) {
    const s = summary(this);
    const findings = s.requirements.flatMap((r) =>
      r.findings.filter(() => r.fault_codes.includes(code)),
    );
    assert.ok(
      findings.length > 0,
      `no ${code}: ${JSON.stringify(s.requirements.map((r) => r.fault_codes))}`,
    );
    assert.ok(
      findings.some((f) => JSON.stringify(f).includes(text)),
      JSON.stringify(findings).slice(0, 800),
    );
    assert.ok(readFileSync(join(lastRun(this).reports, 'conformance.md'), 'utf8').includes(code));
  },
);

Then('the output names {string}', function (this: ProjectWorld, text: string) {
  const run = lastRun(this);
  assert.ok(
    `${run.stdout}\n${run.stderr}`.includes(text),
    `"${text}" not in:\n${run.stdout.slice(-800)}\n${run.stderr.slice(-800)}`,
  );
});

Then(
  'the reports hold a JUnit test case per scenario, and no secret',
  function (this: ProjectWorld) {
    const run = lastRun(this);
    const xml = readFileSync(join(run.reports, 'cucumber-junit.xml'), 'utf8');
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      testsuite: { testcase: unknown[] | unknown };
    };
    const cases = ([] as unknown[]).concat(parsed.testsuite.testcase);
    assert.equal(cases.length, summary(this).requirements.length);
    assertReportsClean(run);
  },
);

Then('the reports are bounded and hold no secret', function (this: ProjectWorld) {
  assertReportsClean(lastRun(this));
});

Then(
  'every request the reports cite has its journal entry beside them',
  function (this: ProjectWorld) {
    const run = lastRun(this);
    const md = readFileSync(join(run.reports, 'conformance.md'), 'utf8');
    const links = [...md.matchAll(/\]\((journal\/[0-9a-f-]+\.json)\)/g)].map((m) => m[1] ?? '');
    assert.ok(links.length > 0, 'conformance.md links no journal entry');
    for (const link of links)
      assert.equal(
        (JSON.parse(readFileSync(join(run.reports, link), 'utf8')) as { id: string }).id,
        link.slice('journal/'.length, -'.json'.length),
      );
    const html = readFileSync(join(run.reports, 'conformance.html'), 'utf8');
    assert.ok(
      html.startsWith('<!doctype html>') && html.includes(links[0] ?? '~'),
      'conformance.html lacks the journal links',
    );
    // Cucumber's HTML shows the evidence inline: JSON and Markdown attachments, no World stack trace.
    const ndjson = readFileSync(join(run.reports, 'cucumber.ndjson'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            attachment?: { mediaType: string };
            testStepFinished?: { testStepResult: { message?: string } };
          },
      );
    const types = new Set(ndjson.flatMap((e) => (e.attachment ? [e.attachment.mediaType] : [])));
    assert.deepEqual(
      [...types].filter((t) => t !== 'application/json' && t !== 'text/markdown'),
      [],
    );
    assert.ok(
      !ndjson.some((e) => /world\.ts:\d+/.test(e.testStepFinished?.testStepResult.message ?? '')),
      'a finding carries a stack trace',
    );
  },
);

Then(
  'the fix of {string} is inline in conformance.html',
  function (this: ProjectWorld, code: string) {
    const html = readFileSync(join(lastRun(this).reports, 'conformance.html'), 'utf8');
    assert.ok(
      html.includes(`<code>${code}</code>`) && html.includes('How to fix'),
      'no inline fix',
    );
  },
);

Then('no process of the hung client is left running', function (this: ProjectWorld) {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  assert.ok(!/sleep 61[789]/.test(ps.stdout), 'the hung client or its child is still running');
});

Then('the temp folder is as it was', function (this: ProjectWorld) {
  const dir = this.runnerTmpdir;
  assert.ok(dir, 'no temp folder of its own');
  // tsx-<uid> is the TypeScript loader's compile cache of this runner started from sources; an
  // installed package runs compiled JavaScript and has none.
  assert.deepEqual(
    readdirSync(dir).filter((name) => !/^tsx-\d+$/.test(name)),
    [],
  );
});
