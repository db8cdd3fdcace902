/**
 * The conformance World: one requirement's run of the client under test, what the mock saw, and
 * the findings. A failed check attaches a finding (fault code, message, evidence, fix) to the
 * scenario, where the runner's summary picks it up, and then fails the step.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { After, setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { request } from 'undici';
import { FAULTS, type FaultCode } from '../../mock-server/diagnostics/findings.ts';
import { runClient, shellCommand, type ClientRun } from '../clientProcess.ts';
import { contractVariables } from '../clientContract.ts';
import { journalMarker, journalSince, type JournalEntry } from '../journalClient.ts';

export type { JournalEntry };
import { CLIENT_RUN_MEDIA_TYPE, FINDING_MEDIA_TYPE } from '../results.ts';
import { conformanceSettings, type ConformanceSettings } from './settings.ts';


export interface Evidence {
  request_ids?: string[];
  [key: string]: unknown;
}

export interface ConformanceFinding {
  code: FaultCode;
  message: string;
  evidence: Evidence;
  fix?: Record<string, string>;
}

/** What a client prints may hold what it was given: reports never carry the API key or the plaintext. */
export function redact(text: string): string {
  return text.split(TEST_API_KEY).join('[api key]').split(RECOVERY_MATERIAL).join('[recovery material]');
}

export const TEST_API_KEY = 'test-partner-key';

export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

/** The recovery material every run backs up: a BIP-39 test phrase, never a real one. */
export const RECOVERY_MATERIAL = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

export class ConformanceWorld extends World {
  readonly settings: ConformanceSettings = conformanceSettings();
  readonly id = randomUUID().slice(0, 8);
  readonly customer = {
    userIdentifier: `conformance-${this.id}@example.test`,
    customerId: `org-conformance-${this.id}`,
    customerName: 'Conformance Co',
    packageId: `pkg-conformance-${this.id}`,
    packageName: 'Conformance',
  };
  readonly workDir = mkdtempSync(join(tmpdir(), 'coincover-conformance-'));
  run: ClientRun | undefined;
  /** Journal entries of the requests the client made during its run, oldest first. */
  entries: JournalEntry[] = [];

  constructor(options: IWorldOptions) {
    super(options);
  }

  contractEnv(environment: string, files: { plaintext?: boolean; file?: boolean }): Record<string, string> {
    const env = contractVariables(this.settings.mockUrl, TEST_API_KEY, this.customer, environment);
    if (files.plaintext) {
      env.COINCOVER_PLAINTEXT_FILE = join(this.workDir, 'recovery.txt');
      writeFileSync(env.COINCOVER_PLAINTEXT_FILE, RECOVERY_MATERIAL);
    }
    if (files.file) {
      env.COINCOVER_BACKUP_FILE = join(this.workDir, 'wallet.json');
      writeFileSync(env.COINCOVER_BACKUP_FILE, JSON.stringify({ wallet: 'treasury', xpub: 'xpub-test-only', note: 'encrypt me' }, null, 2));
    }
    return env;
  }

  /** Runs the client under test with `env`; records its requests from the journal. */
  async runClient(env: Record<string, string>, input?: string): Promise<ClientRun> {
    const marker = await journalMarker(this.settings.mockUrl);
    const run = await runClient(shellCommand(this.settings.clientCommand), { env, timeoutMs: this.settings.timeoutMs, input, cwd: process.cwd() });
    this.run = run;
    this.entries = await journalSince(this.settings.mockUrl, marker);
    await this.attach(JSON.stringify({ exit_code: run.exitCode, timed_out: run.timedOut, duration_ms: Math.round(run.durationMs), stderr_tail: redact(run.stderrTail.slice(-1500)) }), CLIENT_RUN_MEDIA_TYPE);
    return run;
  }

  async control<T>(path: string, init: { method?: 'GET' | 'POST' | 'DELETE'; json?: unknown } = {}): Promise<{ status: number; body: T }> {
    const answer = await request(`${this.settings.mockUrl}/_mock${path}`, {
      method: init.method ?? 'GET',
      headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    return { status: answer.statusCode, body: (await answer.body.json()) as T };
  }

  /** Records the findings on the scenario and fails it. */
  async fail(findings: ConformanceFinding[]): Promise<never> {
    for (const f of findings) await this.attach(JSON.stringify({ ...f, fix: f.fix ?? FAULTS[f.code].fix }), FINDING_MEDIA_TYPE);
    throw new ConformanceFailure(findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
  }

  /** A client that did not even run is `client_failed`, with what happened. */
  async failUnlessCompleted(expectSuccess: boolean): Promise<void> {
    const run = this.run;
    if (!run) throw new Error('the client was not run');
    const what = run.spawnError
      ? `the command could not be started: ${run.spawnError}`
      : run.timedOut
        ? `the client ran past its ${this.settings.timeoutMs / 1000} s limit and was killed with its child processes`
        : run.exitCode === 127
          ? 'the command was not found (exit 127)'
          : expectSuccess && run.exitCode !== 0
            ? `the client exited ${run.exitCode ?? `on signal ${run.signal}`}`
            : expectSuccess && !run.result
              ? 'the client exited 0 but its last stdout line is not a JSON object'
              : null;
    if (what) {
      await this.fail([{ code: 'client_failed', message: what, evidence: { exit_code: run.exitCode, stderr_tail: redact(run.stderrTail.slice(-600)), stdout_tail: redact(run.stdout.slice(-300)) } }]);
    }
  }
}

setWorldConstructor(ConformanceWorld);

/** A switch the client never triggered (it failed before assigning) must not leak into the next requirement. */
After(async function (this: ConformanceWorld) {
  await this.control('/faults', { method: 'DELETE' });
});
