/**
 * `coincover-mock run`: starts the mock once, runs the conformance features against the client
 * command, writes the Cucumber reports and the conformance summary, and returns the gate's exit
 * code: 0 when every requirement passed (or failed exactly as allowed), 1 otherwise.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfiguration, loadSources, runCucumber } from '@cucumber/cucumber/api';
import { buildConfig } from '../mock-server/config.ts';
import { serve } from '../mock-server/main.ts';
import { fromPackageRoot, PACKAGE_ROOT } from '../mock-server/packagePaths.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { checkConfigFiles } from './checkConfig.ts';
import { loadExpectedFailures, type ExpectedFailure } from './expectedFailures.ts';
import { ResultCollector, type ScenarioResult } from './results.ts';
import { requirementsConfiguration } from './cucumberConfiguration.ts';
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
  log: (line: string) => void;
}

/** A problem with the runner's own inputs (exit 2), as opposed to a failing client (exit 1). */
export class UsageError extends Error {}

function progressLine(r: ScenarioResult): string {
  const mark = r.status === 'passed' ? '✔' : r.status === 'skipped' ? '–' : '✖';
  const faults = [...new Set(r.findings.map((f) => f.code))];
  const detail = faults.length > 0 ? `  ${faults.join(', ')}` : r.status === 'failed' ? `  ${(r.error ?? '').split('\n')[0]?.slice(0, 120)}` : '';
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

export async function runConformance(options: ConformanceOptions): Promise<{ exitCode: number; gate: GateVerdict }> {
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
  const startedAt = new Date();
  const mock = await serve(buildConfig({ host: '127.0.0.1', port: options.port, quiet: true, seedFiles: TEST_SEEDS }));
  options.log(`Running the CoinCover conformance requirements against: ${options.client}\n`);
  const collector = new ResultCollector((r) => options.log(progressLine(r)));
  try {
    Object.assign(process.env, {
      COINCOVER_MOCK_URL: mock.url,
      COINCOVER_CONFORMANCE_CLIENT: options.client,
      COINCOVER_CONFORMANCE_TIMEOUT_MS: String(options.timeoutSeconds * 1000),
      COINCOVER_CONFORMANCE_CONFIG_FILES: JSON.stringify(configFiles),
      COINCOVER_REPORTS_DIR: reportsDir,
    });
    // Not the project's cucumber.mjs: an installed package runs its own configuration, from wherever it is.
    const environment = { cwd: PACKAGE_ROOT };
    const { runConfiguration } = await loadConfiguration({ file: false, provided: requirementsConfiguration(reportsDir, options.tags) }, environment);
    if (options.tags) {
      const { plan } = await loadSources(runConfiguration.sources, environment);
      if (plan.length === 0) throw new UsageError(`--tags ${JSON.stringify(options.tags)} matches no requirement; the requirement tags are ${requirementTags().join(', ')}`);
    }
    await runCucumber(runConfiguration, environment, collector.onMessage);
  } finally {
    await mock.close();
  }
  const gate = judge(collector.results, expected);
  writeSummary(reportsDir, gate, { client: options.client, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime() });
  const c = gate.counts;
  options.log(
    `\n${gate.passed ? 'PASSED' : 'FAILED'}: ${c.pass} passed, ${c.fail} failed, ${c['allowed-failure']} allowed failures, ${c['now-passing']} listed as expected failures but passing, ${c['not-checked']} not checked`,
  );
  options.log(`Reports: ${join(reportsDir, 'conformance.md')} (and conformance.json, cucumber.html, cucumber.json, cucumber.ndjson, cucumber-junit.xml)`);
  options.log(`conformance: ${c.pass + c['allowed-failure']} passed, ${c.fail + c['now-passing']} failed`);
  return { exitCode: gate.passed ? 0 : 1, gate };
}
