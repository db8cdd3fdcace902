/**
 * `npm test` (under c8): starts the mock once for the whole run, runs the Cucumber features
 * against it, then the unit tests, and writes every report into reports/. Last, it checks that
 * the system temp folder holds nothing the run left behind.
 *
 *   tsx scripts/test.ts [--features-only | --unit-only] [--tags EXPR]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { buildConfig } from '../mock-server/config.ts';
import { chromiumPath } from './chromium.ts';
import { serve, type RunningMock } from '../mock-server/main.ts';
import { EXPOSED, SECRETS } from '../steps/support/secrets.ts';
import { RUNNER_SECRETS } from '../runner/recoveryMaterial.ts';
import { secretForms } from '../runner/redaction.ts';
import { privateKeyNeedles, reportHaystacks, scan } from './secretScan.ts';
import { FEATURE_SEEDS } from '../mock-server/store/shippedSeeds.ts';

const { values } = parseArgs({
  options: {
    'features-only': { type: 'boolean' },
    'unit-only': { type: 'boolean' },
    tags: { type: 'string' },
  },
});
mkdirSync('reports', { recursive: true });
// What the temp folder held before the run: anything more at the end was left behind by it.
const tempBefore = new Set(readdirSync(tmpdir()));

const started = performance.now();
// The request log is kept, not printed: the secret scan reads it.
const logLines: string[] = [];
let keygen = { generated: 0, generation_ms: 0 };

/** The features against one mock for the whole run, then the secret scan over what they left. */
async function featuresPass(): Promise<boolean> {
  const mock = await serve(
    buildConfig({ port: 0, quiet: true, journalLimit: 1_000_000, seedFiles: FEATURE_SEEDS }),
    { log: (line) => logLines.push(line) },
  );
  process.env.COINCOVER_MOCK_URL = mock.url;
  try {
    const { runConfiguration } = await loadConfiguration({
      provided: values.tags ? { tags: values.tags } : {},
    });
    const { success } = await runCucumber(runConfiguration);
    // In-process: no HTTP call after the run, whose keep-alive sockets the server may be closing.
    keygen = mock.deps.pool.stats();
    return success && secretScanPasses(mock);
  } finally {
    await mock.close();
  }
}

const featuresPassed = values['unit-only'] ? true : await featuresPass();

/** After every feature has run: no secret in any response, log line, journal entry or report. */
function secretScanPasses(mock: RunningMock): boolean {
  const needles = [
    ...privateKeyNeedles(mock.deps.store.keys()),
    ...[...SECRETS.plaintexts].map((text) => ({ what: 'a backed-up plaintext', text })),
    ...[...SECRETS.tokens].map((text) => ({ what: 'a minted token', text })),
    // The runner self-tests' reports are under reports/ too; the API key is left out, since the
    // mock's own features name the test key in their Gherkin.
    ...RUNNER_SECRETS.filter((s) => s.label !== 'api key').flatMap((s) =>
      secretForms(s.bytes).map((text) => ({ what: `the runner's ${s.label}`, text })),
    ),
  ];
  const haystacks = [
    ...EXPOSED.map((text, i) => ({ where: `response ${i}`, text })),
    { where: 'the request log', text: logLines.join('\n') },
    { where: 'the journal', text: JSON.stringify(mock.deps.journal.list(Number.MAX_SAFE_INTEGER)) },
    ...reportHaystacks('reports'),
  ];
  const hits = scan(haystacks, needles);
  console.log(
    `secret scan: ${needles.length} secrets looked for in ${haystacks.length} responses, logs, journal entries and reports: ${hits.length === 0 ? 'none found' : 'FOUND'}`,
  );
  for (const hit of hits.slice(0, 20)) console.log(`  ${hit}`);
  return hits.length === 0;
}

/** Node 20's test runner takes files, not folders. */
function unitTestFiles(): string[] {
  return readdirSync('test', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `test/${file}`)
    .sort();
}

let unitPassed = true;
if (!values['features-only']) {
  const unit = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=junit',
      '--test-reporter-destination=reports/unit-junit.xml',
      ...unitTestFiles(),
    ],
    {
      stdio: 'inherit',
    },
  );
  unitPassed = unit.status === 0;
}

// For `npm run bench`: the suite's wall time and the share spent generating keys in the shared mock.
writeFileSync(
  'reports/test-timing.json',
  `${JSON.stringify({ wall_ms: Math.round(performance.now() - started), keygen_ms: keygen.generation_ms, keys_generated: keygen.generated })}\n`,
);
// The browser test (test/journalPage.test.ts) runs with the unit tests, and is skipped without a Chromium: say which.
const browserTest = values['features-only']
  ? 'skipped'
  : chromiumPath()
    ? 'run with the unit tests'
    : 'NOT RUN: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)';
// Every run folder a test, a scenario or a command made is removed by what made it.
const leftInTemp = readdirSync(tmpdir()).filter((entry) => !tempBefore.has(entry));
const tempClean = leftInTemp.length === 0;
console.log(
  `\nfeatures: ${values['unit-only'] ? 'skipped' : featuresPassed ? 'passed' : 'FAILED'}; unit tests: ${values['features-only'] ? 'skipped' : unitPassed ? 'passed' : 'FAILED'}; browser test: ${browserTest}; temp folder: ${tempClean ? 'as it was' : `LEFT ${leftInTemp.length} entries: ${leftInTemp.slice(0, 10).join(', ')}`}`,
);
process.exitCode = featuresPassed && unitPassed && tempClean ? 0 : 1;
