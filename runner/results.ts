/**
 * Turns Cucumber's message stream into one result per requirement (scenario): its status, the
 * findings the steps attached, the client runs, and the first error. Built from messages so the
 * same data feeds the progress lines, the conformance summary and any other tool.
 */
import type { Envelope, TestStepResultStatus } from '@cucumber/messages';
import type { ConformanceFinding } from './requirements/world.ts';

/**
 * The steps' attachments, told apart by file name. Their media types are ones Cucumber's HTML
 * report shows inline (application/json, text/markdown), so the evidence is on the page.
 */
export const ATTACHMENT = Object.freeze({
  finding: 'coincover-finding.json',
  findingMarkdown: 'coincover-finding.md',
  clientRun: 'coincover-client-run.json',
  runMarkdown: 'coincover-client-run.md',
  unchecked: 'coincover-not-checked.json',
  uncheckedMarkdown: 'coincover-not-checked.md',
  observed: 'coincover-observed.md',
});

/** Journal entries are written beside the reports, one file per request, and linked from them. */
export const JOURNAL_DIR = 'journal';

export interface ClientRunRecord {
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  duration_ms: number;
  stdout_bytes: number;
  stderr_bytes: number;
  stderr_tail: string;
  request_ids: string[];
}

/** Why a requirement could not be checked, and how to make it checkable. */
export interface Unchecked {
  reason: string;
  how: string;
}

export interface ScenarioResult {
  requirement: string;
  scenario: string;
  uri: string;
  status: 'passed' | 'failed' | 'skipped';
  findings: ConformanceFinding[];
  clientRuns: ClientRunRecord[];
  /** What the checks saw (Markdown), on passing rows too. */
  observations: string[];
  unchecked: Unchecked[];
  error: string | null;
  durationMs: number;
}

const RANK: Record<string, number> = {
  PASSED: 0,
  SKIPPED: 1,
  PENDING: 2,
  UNDEFINED: 3,
  AMBIGUOUS: 4,
  FAILED: 5,
  UNKNOWN: 5,
};

interface Running {
  pickleId: string;
  worst: TestStepResultStatus;
  error: string | null;
  findings: ConformanceFinding[];
  clientRuns: ClientRunRecord[];
  observations: string[];
  unchecked: Unchecked[];
  started: number;
}

export class ResultCollector {
  private readonly pickles = new Map<string, { name: string; uri: string; tags: string[] }>();
  private readonly testCases = new Map<string, string>();
  private readonly running = new Map<string, Running & { testCaseId: string }>();
  readonly results: ScenarioResult[] = [];

  constructor(private readonly onResult: (result: ScenarioResult) => void = () => {}) {}

  onMessage = (envelope: Envelope): void => {
    if (envelope.pickle) {
      const { id, name, uri, tags } = envelope.pickle;
      this.pickles.set(id, { name, uri, tags: tags.map((t) => t.name) });
    } else if (envelope.testCase) {
      this.testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted) {
      const { id, testCaseId, timestamp } = envelope.testCaseStarted;
      const pickleId = this.testCases.get(testCaseId) ?? '';
      this.running.set(id, {
        testCaseId,
        pickleId,
        worst: 'PASSED' as TestStepResultStatus,
        error: null,
        findings: [],
        clientRuns: [],
        observations: [],
        unchecked: [],
        started: Number(timestamp.seconds) * 1000 + timestamp.nanos / 1e6,
      });
    } else if (envelope.testStepFinished) {
      const run = this.running.get(envelope.testStepFinished.testCaseStartedId);
      const result = envelope.testStepFinished.testStepResult;
      if (run && (RANK[result.status] ?? 5) > (RANK[run.worst] ?? 0)) {
        run.worst = result.status;
        run.error ??= result.message ?? null;
      }
    } else if (envelope.attachment) {
      const run = this.running.get(envelope.attachment.testCaseStartedId ?? '');
      const { fileName, body } = envelope.attachment;
      if (!run) return;
      if (fileName === ATTACHMENT.finding)
        run.findings.push(JSON.parse(body) as ConformanceFinding);
      else if (fileName === ATTACHMENT.clientRun)
        run.clientRuns.push(JSON.parse(body) as ClientRunRecord);
      else if (fileName === ATTACHMENT.unchecked) run.unchecked.push(JSON.parse(body) as Unchecked);
      else if (fileName === ATTACHMENT.observed) run.observations.push(body);
    } else if (envelope.testCaseFinished) {
      const { testCaseStartedId, timestamp } = envelope.testCaseFinished;
      const run = this.running.get(testCaseStartedId);
      if (!run) return;
      this.running.delete(testCaseStartedId);
      const pickle = this.pickles.get(run.pickleId);
      const requirement =
        pickle?.tags.find((t) => t.startsWith('@req-'))?.slice('@req-'.length) ??
        pickle?.name ??
        'unknown';
      const status =
        run.worst === 'PASSED' ? 'passed' : run.worst === 'SKIPPED' ? 'skipped' : 'failed';
      const result: ScenarioResult = {
        requirement,
        scenario: pickle?.name ?? '',
        uri: pickle?.uri ?? '',
        status,
        findings: run.findings,
        clientRuns: run.clientRuns,
        observations: run.observations,
        unchecked: run.unchecked,
        error: status === 'failed' ? run.error : null,
        durationMs: Number(timestamp.seconds) * 1000 + timestamp.nanos / 1e6 - run.started,
      };
      this.results.push(result);
      this.onResult(result);
    }
  };
}
