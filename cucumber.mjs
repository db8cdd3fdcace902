// Cucumber profiles.
// default: the mock's own features, on the public step library (steps/library/index.ts: steps,
//   hooks, World) and the project's own steps (steps/project/). npm test runs it through
//   scripts/test.ts, which starts the mock once and passes its URL in COINCOVER_MOCK_URL; run
//   directly (npx cucumber-js), the library starts an in-process mock itself.
// The conformance requirements (features/conformance/) are run by `coincover-mock run`, which
// builds their configuration itself (runner/cucumberConfiguration.ts: the features, and the steps
// of runner/requirements/ as sources or compiled), so an installed package needs no profile.
import { register } from 'tsx/esm/api';

// `npx cucumber-js` imports the TypeScript sources through tsx, unless already run under it
// (scripts/test.ts is).
if (!process.execArgv.some((arg) => arg.includes('tsx'))) register();

const reports = process.env.COINCOVER_REPORTS_DIR ?? 'reports';

const reportFormats = (dir) => [
  `html:${dir}/cucumber.html`,
  `json:${dir}/cucumber.json`,
  `message:${dir}/cucumber.ndjson`,
  `junit:${dir}/cucumber-junit.xml`,
];

// Feature paths on the command line replace the default (Cucumber would otherwise run both).
const cliPaths = process.argv.slice(2).some((arg) => /\.feature(:\d+)*$|^features\//.test(arg));

export default {
  paths: cliPaths ? [] : ['features/*.feature'],
  import: ['steps/library/index.ts', 'steps/project/**/*.ts'],
  format: ['progress', ...reportFormats(reports)],
  formatOptions: { junit: { suiteName: 'coincover-mock' } },
  strict: true,
};
