/**
 * `coincover-mock test`: runs a QA project's own feature files with the public step library,
 * against a mock started here in-process (or a running one, --mock-url), and writes the same
 * Cucumber reports as `run`. The project's own cucumber configuration is not read: the package
 * builds the configuration, so a project needs nothing but the installed package.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { loadConfiguration, loadSources, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import { buildConfig } from '../mock-server/config.ts';
import { serve, type RunningMock } from '../mock-server/main.ts';
import { FEATURE_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { UsageError } from './conformance.ts';
import { checkMockUrl } from './mockUrl.ts';
import { createRunTempDir } from './runTempDir.ts';
import { loadStepCatalogue, stepLibraryImports } from './stepLibrary.ts';
import { UndefinedSteps, formatUndefinedSteps } from './undefinedSteps.ts';

export interface QaTestOptions {
  /** Feature files or folders, relative to cwd (default: features). */
  paths: string[];
  /** The project's own support and step files (JavaScript), relative to cwd. */
  imports: string[];
  cwd: string;
  reportsDir: string;
  tags?: string;
  dryRun: boolean;
  /** A running mock to test against instead of one started here. */
  mockUrl?: string;
  /** That mock's control token (x-mock-control-token). */
  controlToken?: string;
  /** The integration under test, for the steps that run it. */
  client?: string;
  stdout: Writable;
  stderr: Writable;
}

const reportFormats = (dir: string) => [
  `html:${join(dir, 'cucumber.html')}`,
  `json:${join(dir, 'cucumber.json')}`,
  `message:${join(dir, 'cucumber.ndjson')}`,
  `junit:${join(dir, 'cucumber-junit.xml')}`,
];

function existingPaths(cwd: string, paths: string[], what: string): string[] {
  return paths.map((path) => {
    const absolute = isAbsolute(path) ? path : resolve(cwd, path);
    if (!existsSync(absolute)) throw new UsageError(`no such ${what}: ${path}`);
    return absolute;
  });
}

/** Runs the features; resolves to the exit code (0 passed, 1 a scenario failed or is undefined). */
export async function runQaTest(options: QaTestOptions): Promise<number> {
  const paths = existingPaths(options.cwd, options.paths, 'feature file or folder');
  const imports = existingPaths(options.cwd, options.imports, 'file to import');
  const reportsDir = resolve(options.cwd, options.reportsDir);
  const environment = { cwd: options.cwd, stdout: options.stdout, stderr: options.stderr };
  const progress = (options.stdout as { isTTY?: boolean }).isTTY ? 'progress-bar' : 'progress';
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths,
        import: [...stepLibraryImports(), ...imports],
        format: [progress, ...reportFormats(reportsDir)],
        formatOptions: { junit: { suiteName: 'coincover-mock test' } },
        strict: true,
        dryRun: options.dryRun,
        ...(options.tags ? { tags: options.tags } : {}),
      },
    },
    environment,
  );
  const { plan, errors } = await loadSources(runConfiguration.sources, environment).catch(
    (error: Error) => {
      // Cucumber wraps a tag expression it cannot parse in a plugin error; the cause says why.
      const cause = (error.cause as Error | undefined)?.message ?? error.message;
      if (options.tags)
        throw new UsageError(
          `--tags ${JSON.stringify(options.tags)} is not a tag expression: ${cause}`,
        );
      throw error;
    },
  );
  if (errors.length > 0)
    throw new UsageError(
      errors.map((e) => `${e.uri}:${e.location.line}: ${e.message.split('\n')[0]}`).join('\n'),
    );
  if (plan.length === 0)
    throw new UsageError(
      options.tags
        ? `--tags ${JSON.stringify(options.tags)} matches no scenario in ${options.paths.join(', ')}`
        : `no scenario found in ${options.paths.join(', ')} (feature files end in .feature)`,
    );

  // A dry run runs nothing, so it needs no mock.
  let mockUrl = options.dryRun ? undefined : options.mockUrl;
  if (mockUrl !== undefined) mockUrl = await checkMockUrl(mockUrl);
  // Everything the steps write to the temp folder goes in one folder, removed however the run ends.
  const temp = createRunTempDir('coincover-test-');
  const savedEnv = { ...process.env };
  let mock: RunningMock | undefined;
  try {
    process.env.TMPDIR = process.env.TMP = process.env.TEMP = temp.path;
    let support;
    try {
      support = await loadSupport(runConfiguration, environment);
    } catch (error) {
      if (imports.length === 0) throw error;
      throw new UsageError(`cannot load the step files: ${(error as Error).message}`);
    }
    if (!options.dryRun && mockUrl === undefined) {
      mock = await serve(
        buildConfig({ host: '127.0.0.1', port: 0, quiet: true, seedFiles: FEATURE_SEEDS }),
        { announce: null },
      );
      mockUrl = mock.url;
    }
    if (mockUrl !== undefined) process.env.COINCOVER_MOCK_URL = mockUrl;
    else delete process.env.COINCOVER_MOCK_URL;
    if (options.controlToken !== undefined)
      process.env.COINCOVER_MOCK_CONTROL_TOKEN = options.controlToken;
    if (options.client !== undefined) process.env.COINCOVER_TEST_CLIENT = options.client;
    process.env.COINCOVER_REPORTS_DIR = reportsDir;
    mkdirSync(reportsDir, { recursive: true });

    const undefinedSteps = new UndefinedSteps();
    const { success } = await runCucumber({ ...runConfiguration, support }, environment, (e) =>
      undefinedSteps.onMessage(e),
    );
    const found = undefinedSteps.list(options.cwd);
    if (found.length > 0)
      options.stdout.write(`\n${formatUndefinedSteps(found, await loadStepCatalogue())}`);
    options.stdout.write(
      `\nReports: ${join(reportsDir, 'cucumber.html')} (and cucumber.json, cucumber.ndjson, cucumber-junit.xml)\n`,
    );
    // A dry run succeeds with undefined steps; this command fails on them either way.
    return success && found.length === 0 ? 0 : 1;
  } finally {
    await mock?.close();
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    temp.remove();
  }
}
