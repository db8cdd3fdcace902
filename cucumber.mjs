// Cucumber profiles.
// default: the mock's own features (npm test runs it through scripts/test.ts, which starts the
//   mock once and passes its URL in COINCOVER_MOCK_URL).
// The conformance requirements (features/conformance/) are run by `coincover-mock run`, which
// builds their configuration itself (runner/cucumberConfiguration.ts: the features, and the steps
// of runner/requirements/ as sources or compiled), so an installed package needs no profile.
const reports = process.env.COINCOVER_REPORTS_DIR ?? 'reports';

const reportFormats = (dir) => [
  `html:${dir}/cucumber.html`,
  `json:${dir}/cucumber.json`,
  `message:${dir}/cucumber.ndjson`,
  `junit:${dir}/cucumber-junit.xml`,
];

export default {
  paths: ['features/*.feature'],
  import: ['steps/*.ts', 'steps/support/*.ts'],
  format: ['progress', ...reportFormats(reports)],
  formatOptions: { junit: { suiteName: 'coincover-mock' } },
  strict: true,
};
