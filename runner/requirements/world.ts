/**
 * The conformance World: one requirement's run of the client under test, what the mock saw, and
 * the findings. A failed check attaches a finding (fault code, message, evidence, fix) to the
 * scenario, where the runner's summary picks it up, and then fails the step. Every row also says
 * what was observed, passing or not. Attachments are JSON and Markdown, shown inline by
 * Cucumber's HTML report.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  After,
  setDefaultTimeout,
  setWorldConstructor,
  World,
  type IWorldOptions,
} from '@cucumber/cucumber';
import { request } from 'undici';
import { FAULTS, type FaultCode } from '../../mock-server/diagnostics/findings.ts';
import { runClient, shellCommand, type ClientRun } from '../clientProcess.ts';
import { contractVariables } from '../clientContract.ts';
import { journalMarker, journalSince, type JournalEntry } from '../journalClient.ts';
import type { StandInMode } from '../jwksStandIn.ts';
import type { ProxyRequest } from '../recordingProxy.ts';
import { RECOVERY_MATERIAL, RUNNER_SECRETS, TEST_API_KEY } from '../recoveryMaterial.ts';
import { redactSecrets } from '../redaction.ts';
import { ATTACHMENT, JOURNAL_DIR, type ClientRunRecord, type Unchecked } from '../results.ts';
import { conformanceSettings, type ConformanceSettings } from './settings.ts';

export type { JournalEntry };
export { RECOVERY_MATERIAL, TEST_API_KEY };

export interface Evidence {
  request_ids?: string[];
  [key: string]: unknown;
}

/** Functions mode's answers, in the order of the requests. */
export type Answers = Array<Record<string, unknown>>;

export interface ConformanceFinding {
  code: FaultCode;
  message: string;
  evidence: Evidence;
  fix?: Record<string, string>;
}

/** Reports never carry the API key or a recovery material, in any encoding a client may log. */
export const redact = (text: string): string => redactSecrets(text, RUNNER_SECRETS);

/** An expected finding: its message is the report, a stack trace would only hide it. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

const settings = conformanceSettings();
// --timeout is the only limit on a client run: no step may be cut short by Cucumber's 5 s default.
setDefaultTimeout(settings.stepTimeoutMs);

const markdownFinding = (f: ConformanceFinding): string => {
  const ids = f.evidence.request_ids ?? [];
  const rest = Object.entries(f.evidence).filter(([k]) => k !== 'request_ids');
  return [
    `**${f.code}**: ${f.message}`,
    ...(rest.length > 0
      ? [
          '',
          ...rest.map(([k, v]) => `- ${k}: \`${typeof v === 'string' ? v : JSON.stringify(v)}\``),
        ]
      : []),
    ...(ids.length > 0
      ? [
          '',
          `Requests (${JOURNAL_DIR}/<id>.json beside the reports): ${ids.map((id) => `\`${id}\``).join(', ')}`,
        ]
      : []),
  ].join('\n');
};

export class ConformanceWorld extends World {
  readonly settings: ConformanceSettings = settings;
  readonly id = randomUUID().slice(0, 8);
  readonly customer = {
    userIdentifier: `conformance-${this.id}@example.test`,
    customerId: `org-conformance-${this.id}`,
    customerName: 'Conformance Co',
    packageId: `pkg-conformance-${this.id}`,
    packageName: 'Conformance',
  };
  /** Inside the run's temporary folder, removed after the scenario (and the folder after the run). */
  readonly workDir = mkdtempSync(join(this.settings.tempDir, 'requirement-'));
  /** The bytes COINCOVER_PLAINTEXT_FILE holds for this requirement. */
  material: Buffer = RECOVERY_MATERIAL;
  /** Which files the last contractEnv handed out, so the result line can be held to them. */
  contractFiles = { plaintext: false, file: false };
  run: ClientRun | undefined;
  /** Journal entries of the requests the client made during its run, oldest first. */
  entries: JournalEntry[] = [];
  /** The last functions-mode run's answers. */
  answers: Answers | undefined;
  /** The JWKS the runner serves for this requirement, and what the client fetched from it. */
  jwksMode: StandInMode | undefined;
  jwksFetches: string[] = [];
  /** Hosts the client asked the recording proxy for. */
  proxied: ProxyRequest[] = [];

  constructor(options: IWorldOptions) {
    super(options);
  }

  contractEnv(
    environment: string,
    files: { plaintext?: boolean; file?: boolean },
  ): Record<string, string> {
    const env = contractVariables(this.settings.mockUrl, TEST_API_KEY, this.customer, environment);
    this.contractFiles = { plaintext: files.plaintext ?? false, file: files.file ?? false };
    if (files.plaintext) {
      env.COINCOVER_PLAINTEXT_FILE = join(this.workDir, 'recovery.txt');
      writeFileSync(env.COINCOVER_PLAINTEXT_FILE, this.material);
    }
    if (files.file) {
      env.COINCOVER_BACKUP_FILE = join(this.workDir, 'wallet.json');
      writeFileSync(
        env.COINCOVER_BACKUP_FILE,
        JSON.stringify({ wallet: 'treasury', xpub: 'xpub-test-only', note: 'encrypt me' }, null, 2),
      );
    }
    return env;
  }

  /** Runs the client under test with `env`; records its requests from the journal, and writes them beside the reports. */
  async runClient(env: Record<string, string>, input?: string): Promise<ClientRun> {
    const marker = await journalMarker(this.settings.mockUrl);
    const clientTemp = mkdtempSync(join(this.workDir, 'tmp-'));
    // TMPDIR inside the run's folder: whatever the client leaves in "the temp folder" goes when the run does.
    const run = await runClient(shellCommand(this.settings.clientCommand), {
      env: { TMPDIR: clientTemp, ...env },
      timeoutMs: this.settings.timeoutMs,
      input,
      cwd: process.cwd(),
    });
    this.run = run;
    this.entries = await journalSince(this.settings.mockUrl, marker);
    this.writeJournal(this.entries);
    const record: ClientRunRecord = {
      exit_code: run.exitCode,
      signal: run.signal,
      timed_out: run.timedOut,
      duration_ms: Math.round(run.durationMs),
      stdout_bytes: run.stdoutBytes,
      stderr_bytes: run.stderrBytes,
      stderr_tail: redact(run.stderrTail.slice(-1500)),
      request_ids: this.entries.map((e) => e.id),
    };
    await this.attach(JSON.stringify(record), {
      mediaType: 'application/json',
      fileName: ATTACHMENT.clientRun,
    });
    const requests = this.entries.map(
      (e) =>
        `- \`${e.method} ${e.path}\` → ${e.status}${e.faults.length ? ` (${e.faults.map((f) => f.code).join(', ')})` : ''}: \`${e.id}\``,
    );
    await this.attach(
      [
        `Client run: ${run.timedOut ? `timed out after ${this.settings.timeoutMs / 1000} s` : `exit ${run.exitCode ?? `signal ${run.signal}`}`} in ${(run.durationMs / 1000).toFixed(1)} s; ${run.stdoutBytes} bytes on stdout, ${run.stderrBytes} on stderr.`,
        ...(requests.length > 0
          ? ['', 'Requests the mock saw:', ...requests]
          : ['', 'The mock saw no request.']),
      ].join('\n'),
      { mediaType: 'text/markdown', fileName: ATTACHMENT.runMarkdown },
    );
    return run;
  }

  private writeJournal(entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    const dir = join(this.settings.reportsDir, JOURNAL_DIR);
    mkdirSync(dir, { recursive: true });
    for (const entry of entries)
      writeFileSync(join(dir, `${entry.id}.json`), `${redact(JSON.stringify(entry, null, 2))}\n`);
  }

  async control<T>(
    path: string,
    init: { method?: 'GET' | 'POST' | 'DELETE'; json?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const answer = await request(`${this.settings.mockUrl}/_mock${path}`, {
      method: init.method ?? 'GET',
      headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    return { status: answer.statusCode, body: (await answer.body.json()) as T };
  }

  async armFault(fault: string): Promise<void> {
    const { status } = await this.control('/faults', { method: 'POST', json: { fault, times: 1 } });
    if (status !== 200) throw new Error(`arming ${fault} failed with ${status}`);
  }

  /** What a check saw, for the report's row: said on passing rows too. */
  async observe(text: string): Promise<void> {
    await this.attach(redact(text), { mediaType: 'text/markdown', fileName: ATTACHMENT.observed });
  }

  /** Records the findings on the scenario and fails it. */
  async fail(findings: ConformanceFinding[]): Promise<never> {
    for (const f of findings) {
      const finding = { ...f, message: redact(f.message), fix: f.fix ?? FAULTS[f.code].fix };
      await this.attach(redact(JSON.stringify(finding)), {
        mediaType: 'application/json',
        fileName: ATTACHMENT.finding,
      });
      await this.attach(redact(markdownFinding(finding)), {
        mediaType: 'text/markdown',
        fileName: ATTACHMENT.findingMarkdown,
      });
    }
    throw new ConformanceFailure(redact(findings.map((f) => `${f.code}: ${f.message}`).join('\n')));
  }

  /**
   * The requirement could not be checked: says why and how to make it checkable. The gate fails
   * on it unless the run allows it (--allow-unchecked, or the expected-failures file).
   */
  async notChecked(reason: string, how: string): Promise<'skipped'> {
    const unchecked: Unchecked = { reason, how };
    await this.attach(JSON.stringify(unchecked), {
      mediaType: 'application/json',
      fileName: ATTACHMENT.unchecked,
    });
    await this.attach(`Not checked: ${reason}\n\nTo make it checkable: ${how}`, {
      mediaType: 'text/markdown',
      fileName: ATTACHMENT.uncheckedMarkdown,
    });
    return 'skipped';
  }

  /** Why a run did not complete, or null: the command did not start, timed out, or was not found. */
  private runProblem(run: ClientRun): string | null {
    if (run.spawnError) return `the command could not be started: ${run.spawnError}`;
    if (run.timedOut)
      return `the client timed out after ${this.settings.timeoutMs / 1000} s (--timeout) and was killed with its child processes`;
    if (run.exitCode === 127) return 'the command was not found (exit 127)';
    return null;
  }

  /** client_failed, with the tail of stderr and stdout. */
  async clientFailed(message: string): Promise<never> {
    const run = this.run;
    return this.fail([
      {
        code: 'client_failed',
        message,
        evidence: {
          exit_code: run?.exitCode ?? null,
          stderr_tail: redact(run?.stderrTail.slice(-600) ?? ''),
          stdout_tail: redact(run?.stdoutTail.slice(-300) ?? ''),
        },
      },
    ]);
  }

  /**
   * A client that did not even run is `client_failed`. With `expectSuccess`, so is one that exited
   * non-zero, unless it had a valid key and stored nothing: then it refused a good key.
   */
  async failUnlessCompleted(expectSuccess: boolean): Promise<void> {
    const run = this.run;
    if (!run) throw new Error('the client was not run');
    const problem = this.runProblem(run);
    if (problem) await this.clientFailed(problem);
    if (!expectSuccess) return;
    if (run.exitCode !== 0) {
      const assigned = this.entries.find((e) => e.path.endsWith('/keys') && e.status === 200);
      const stores = this.entries.filter((e) => e.path.includes('/secure/'));
      if (assigned && stores.length === 0) {
        await this.fail([
          {
            code: 'key_refused',
            message: `the assignment answered 200 with a signature that verifies against the JWKS, but the client stored nothing and exited ${run.exitCode ?? `on signal ${run.signal}`}`,
            evidence: {
              request_ids: [assigned.id],
              key_id: assigned.key_id,
              stderr_tail: redact(run.stderrTail.slice(-600)),
            },
          },
        ]);
      }
      await this.clientFailed(`the client exited ${run.exitCode ?? `on signal ${run.signal}`}`);
    }
    if (!run.result)
      await this.clientFailed('the client exited 0 but its last stdout line is not a JSON object');
  }
}

setWorldConstructor(ConformanceWorld);

/** A switch the client never triggered (it failed before assigning) must not leak into the next requirement. */
After(async function (this: ConformanceWorld) {
  await this.control('/faults', { method: 'DELETE' });
  rmSync(this.workDir, { recursive: true, force: true });
});
