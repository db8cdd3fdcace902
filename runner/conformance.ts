/**
 * `coincover-mock run`: starts the mock once, runs the conformance features against the client
 * command, writes the Cucumber reports and the conformance summary, and returns the gate's exit
 * code: 0 when every requirement passed (or failed exactly as allowed), 1 otherwise.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfiguration, loadSources, runCucumber } from '@cucumber/cucumber/api';
import { buildConfig } from '../mock-server/config.ts';
import { serve } from '../mock-server/main.ts';
import { fromPackageRoot, PACKAGE_ROOT } from '../mock-server/packagePaths.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { checkConfigFiles } from './checkConfig.ts';
import { loadExpectedFailures, type ExpectedFailure } from './expectedFailures.ts';
import { JOURNAL_DIR, ResultCollector, type ScenarioResult } from './results.ts';
import { requirementsConfiguration } from './cucumberConfiguration.ts';
import { createRunTempDir } from './runTempDir.ts';
import { writeSummary } from './summaryReport.ts';
import { judge, type GateVerdict } from './verdict.ts';

export interface ConformanceOptions {
  client: string;
  reportsDir: string;
  port: number;
  tags?: string;
  expectedFailuresFile?: string;
  timeoutSeconds: number;
  configFiles: string[];
  /** Requirements that may go unchecked without failing the gate (--allow-unchecked). */
  allowUnchecked: string[];
  log: (line: string) => void;
}

/** A problem with the runner's own inputs (exit 2), as opposed to a failing client (exit 1). */
export class UsageError extends Error {}

function progressLine(r: ScenarioResult): string {
  const mark = r.status === 'passed' ? '✔' : r.status === 'skipped' ? '–' : '✖';
  if (r.status === 'skipped')
    return `${mark} ${r.requirement.padEnd(28)} ${(r.durationMs / 1000).toFixed(1).padStart(5)} s  not checked: ${r.unchecked
      .map((u) => u.reason)
      .join(' ')
      .slice(0, 160)}`;
  const faults = [...new Set(r.findings.map((f) => f.code))];
  const detail =
    faults.length > 0
      ? `  ${faults.join(', ')}`
      : r.status === 'failed'
        ? `  ${(r.error ?? '').split('\n')[0]?.slice(0, 120)}`
        : '';
  return `${mark} ${r.requirement.padEnd(28)} ${(r.durationMs / 1000).toFixed(1).padStart(5)} s${detail}`;
}

/** Every requirement tag (`@req-…`) of the shipped features, for a --tags that matches nothing. */
function requirementTags(): string[] {
  const dir = fromPackageRoot('features', 'conformance');
  const tags = readdirSync(dir)
    .filter((file) => file.endsWith('.feature'))
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').match(/@req-[\w-]+/g) ?? []);
  return [...new Set(tags)].sort();
}

export async function runConformance(
  options: ConformanceOptions,
): Promise<{ exitCode: number; gate: GateVerdict }> {
  let expected: ExpectedFailure[] = [];
  if (options.expectedFailuresFile) {
    try {
      expected = loadExpectedFailures(resolve(options.expectedFailuresFile));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const configFiles = options.configFiles.map((file) => resolve(file));
  const configErrors = checkConfigFiles(configFiles).errors;
  if (configErrors.length > 0) throw new UsageError(configErrors.map((e) => e.message).join('\n'));

  const reportsDir = resolve(options.reportsDir);
  mkdirSync(reportsDir, { recursive: true });
  rmSync(join(reportsDir, JOURNAL_DIR), { recursive: true, force: true }); // a previous run's entries would be cited by nothing
  const startedAt = new Date();
  // Everything the run hands the client (recovery material, files) and the client's own TMPDIR:
  // one folder, removed however the run ends (a signal included).
  const temp = createRunTempDir('coincover-conformance-');
  const tempDir = temp.path;
  const collector = new ResultCollector((r) => options.log(progressLine(r)));
  try {
    // Not the project's cucumber.mjs: an installed package runs its own configuration, from wherever it is.
    const environment = { cwd: PACKAGE_ROOT };
    const { runConfiguration } = await loadConfiguration(
      { file: false, provided: requirementsConfiguration(reportsDir, options.tags) },
      environment,
    );
    if (options.tags) {
      const { plan } = await loadSources(runConfiguration.sources, environment);
      if (plan.length === 0)
        throw new UsageError(
          `--tags ${JSON.stringify(options.tags)} matches no requirement; the requirement tags are ${requirementTags().join(', ')}`,
        );
    }
    const mock = await serve(
      buildConfig({ host: '127.0.0.1', port: options.port, quiet: true, seedFiles: TEST_SEEDS }),
      { announce: null },
    );
    options.log(
      `Running the CoinCover conformance requirements against: ${options.client} (time limit ${options.timeoutSeconds} s per run)\n`,
    );
    try {
      Object.assign(process.env, {
        COINCOVER_MOCK_URL: mock.url,
        COINCOVER_CONFORMANCE_CLIENT: options.client,
        COINCOVER_CONFORMANCE_TIMEOUT_MS: String(options.timeoutSeconds * 1000),
        COINCOVER_CONFORMANCE_CONFIG_FILES: JSON.stringify(configFiles),
        COINCOVER_CONFORMANCE_TEMP_DIR: tempDir,
        COINCOVER_REPORTS_DIR: reportsDir,
      });
      await runCucumber(runConfiguration, environment, collector.onMessage);
    } finally {
      await mock.close();
    }
  } finally {
    temp.remove();
  }
  const gate = judge(collector.results, expected, options.allowUnchecked);
  writeSummary(reportsDir, gate, {
    client: options.client,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    timeoutSeconds: options.timeoutSeconds,
  });
  const c = gate.counts;
  options.log(
    `\n${gate.passed ? 'PASSED' : 'FAILED'}: ${c.pass} passed, ${c.fail} failed, ${c['allowed-failure']} allowed failures, ${c['now-passing']} listed as expected failures but passing, ${c['not-checked']} not checked, ${c['allowed-unchecked']} allowed to go unchecked`,
  );
  for (const r of gate.requirements.filter((x) => x.verdict === 'not-checked')) {
    options.log(
      `  ${r.requirement} was not checked: ${r.unchecked.map((u) => `${u.reason} To make it checkable: ${u.how}`).join(' ')} (or --allow-unchecked ${r.requirement})`,
    );
  }
  options.log(
    `Reports: ${join(reportsDir, 'conformance.md')} (and conformance.html, conformance.json, journal/, cucumber.html, cucumber.json, cucumber.ndjson, cucumber-junit.xml)`,
  );
  options.log(
    `conformance: ${c.pass + c['allowed-failure']} passed, ${c.fail + c['now-passing']} failed`,
  );
  return { exitCode: gate.passed ? 0 : 1, gate };
}
