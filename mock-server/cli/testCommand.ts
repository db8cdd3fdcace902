/**
 * `coincover-mock test [paths…]` and `coincover-mock steps`: a QA project's own feature files,
 * run with the public step library, and the library's catalogue.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../runner/conformance.ts';
import { runQaTest } from '../../runner/qaTest.ts';
import { loadStepCatalogue } from '../../runner/stepLibrary.ts';

export const TEST_USAGE = `Usage: coincover-mock test [paths…] [options]

  Runs your feature files (default: features/) with the public step library, against a mock it
  starts in this process. \`coincover-mock steps\` lists the steps. Your cucumber.js, cucumber.mjs
  or cucumber.json is not read: the options below are the whole configuration.

  paths                   feature files or folders (default features)
  --import FILE           your own support or step file, JavaScript (repeatable)
  --mock-url URL          test a running mock instead of starting one (GET /_mock/health must be ready)
  --control-token T       that mock's control token (x-mock-control-token)
  --client CMD            the integration under test, for the steps that run it
  --tags EXPR             only the scenarios matching a Cucumber tag expression, e.g. "@smoke and not @slow"
  --reports DIR           where the reports go: cucumber.html, .json, .ndjson, -junit.xml (default reports)
  --dry-run               check that every step is defined, running nothing (no mock is started)

  Exit 0: every scenario passed; 1: a scenario failed or has an undefined step; 2: a usage or
  input error (a bad option, no feature file, a mock that is not ready at --mock-url).`;

export const STEPS_USAGE = `Usage: coincover-mock steps [--markdown]

  Lists every step of the public step library with its parameters and an example.
  --markdown              the same as Markdown (docs/steps.md)`;

export async function runTestCommand(
  argv: string[],
  usageError: (message: string) => number,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        import: { type: 'string', multiple: true, default: [] },
        'mock-url': { type: 'string' },
        'control-token': { type: 'string' },
        client: { type: 'string' },
        tags: { type: 'string' },
        reports: { type: 'string', default: 'reports' },
        'dry-run': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values['control-token'] !== undefined && values['mock-url'] === undefined)
    return usageError('--control-token is for the mock at --mock-url: give --mock-url too');
  try {
    return await runQaTest({
      paths: positionals.length > 0 ? positionals : ['features'],
      imports: values.import,
      cwd: process.cwd(),
      reportsDir: values.reports,
      tags: values.tags,
      dryRun: values['dry-run'],
      mockUrl: values['mock-url'],
      controlToken: values['control-token'],
      client: values.client,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }
}

export async function runStepsCommand(
  argv: string[],
  usageError: (message: string) => number,
): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { markdown: { type: 'boolean' } },
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
  const catalogue = await loadStepCatalogue();
  process.stdout.write(
    values.markdown ? catalogue.renderStepsMarkdown() : catalogue.renderStepsText(),
  );
  return 0;
}
