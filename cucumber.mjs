// Cucumber profiles. `npm test` runs the default profile through scripts/test.ts, which starts the
// mock once for the whole run and passes its URL to the steps in COINCOVER_MOCK_URL.
const reports = process.env.COINCOVER_REPORTS_DIR ?? 'reports';

export default {
  paths: ['features/**/*.feature'],
  import: ['steps/**/*.ts'],
  format: [
    'progress',
    `html:${reports}/cucumber.html`,
    `json:${reports}/cucumber.json`,
    `message:${reports}/cucumber.ndjson`,
    `junit:${reports}/cucumber-junit.xml`,
  ],
  formatOptions: { junit: { suiteName: 'coincover-mock' } },
  strict: true,
};
