/**
 * The runner's own Cucumber configuration, built in code rather than read from the project's
 * cucumber.mjs: an installed package has no such profile to find, and its step files are
 * compiled JavaScript under dist/. Features always come from the package root.
 */
import { join } from 'node:path';
import type { IConfiguration } from '@cucumber/cucumber/api';
import { fromPackageRoot, runnableFile } from '../mock-server/packagePaths.ts';

/** The requirements' feature files: features/conformance/ of the package. */
export const REQUIREMENT_FEATURES = fromPackageRoot('features', 'conformance');

/** Every module of runner/requirements/ (steps, World, settings), sources or compiled. */
export const REQUIREMENT_STEPS = runnableFile('runner/requirements/*.ts');

export function requirementsConfiguration(
  reportsDir: string,
  tags: string | undefined,
): Partial<IConfiguration> {
  return {
    paths: [join(REQUIREMENT_FEATURES, '*.feature')],
    import: [REQUIREMENT_STEPS],
    format: [
      'summary',
      `html:${join(reportsDir, 'cucumber.html')}`,
      `json:${join(reportsDir, 'cucumber.json')}`,
      `message:${join(reportsDir, 'cucumber.ndjson')}`,
      `junit:${join(reportsDir, 'cucumber-junit.xml')}`,
    ],
    formatOptions: { junit: { suiteName: 'coincover-conformance' } },
    strict: true,
    ...(tags ? { tags } : {}),
  };
}
