// Cucumber profiles.
// default: the mock's own features (npm test runs it through scripts/test.ts, which starts the
//   mock once and passes its URL in COINCOVER_MOCK_URL).
// conformance: the requirements a client under test must meet, run by `coincover-mock run`.
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

export const conformance = {
  paths: ['features/conformance/*.feature'],
  import: ['steps/conformance/*.ts'],
  format: ['summary', ...reportFormats(reports)],
  formatOptions: { junit: { suiteName: 'coincover-conformance' } },
  strict: true,
};
