// `coincover-mock test` and `coincover-mock steps` as a QA project meets them: a folder of its own
// feature files and step files, the CLI run as a child process from that folder.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fromPackageRoot } from '../mock-server/packagePaths.ts';
import { watchReadyLine } from './support/readyLine.ts';

const BIN = fromPackageRoot('bin', 'coincover-mock.mjs');
const CUCUMBER = createRequire(import.meta.url).resolve('@cucumber/cucumber');

/** The project's own steps (CommonJS, as a project without "type": "module" writes them). */
const OWN_STEPS = `const assert = require('node:assert/strict');
const { Then, When } = require(${JSON.stringify(CUCUMBER)});
When('I ask the mock for its health', async function () {
  this.health = await fetch(process.env.COINCOVER_MOCK_URL + '/_mock/health');
});
Then('it answers {int}', function (status) {
  assert.equal(this.health.status, status);
});
Then('the client under test is {string}', function (client) {
  assert.equal(process.env.COINCOVER_TEST_CLIENT, client);
});
`;

const FEATURE = `Feature: The mock under test
  Scenario: It is up
    When I ask the mock for its health
    Then it answers 200
`;

let project: string;
let temp: string;

function cli(args: string[], cwd = project) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    // tsx's compile cache (a clone runs the sources through tsx) is kept out of the count below.
    env: { ...process.env, TMPDIR: temp, TSX_DISABLE_CACHE: '1', COINCOVER_MOCK_URL: '' },
  });
}

function writeProject(feature: string) {
  writeFileSync(join(project, 'features', 'mock.feature'), feature);
}

before(() => {
  project = mkdtempSync(join(tmpdir(), 'coincover-qa-project-'));
  temp = mkdtempSync(join(tmpdir(), 'coincover-qa-tmp-'));
  mkdirSync(join(project, 'features'));
  writeFileSync(join(project, 'steps.cjs'), OWN_STEPS);
});
after(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
});

describe('coincover-mock test', () => {
  it('runs the project features against a mock it starts, with reports, and leaves the temp folder empty', () => {
    writeProject(`${FEATURE}    And the client under test is "bash client.sh"\n`);
    const result = cli(['test', '--import', 'steps.cjs', '--client', 'bash client.sh']);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /1 scenario \(1 passed\)/);
    for (const report of [
      'cucumber.html',
      'cucumber.json',
      'cucumber.ndjson',
      'cucumber-junit.xml',
    ])
      assert.ok(existsSync(join(project, 'reports', report)), report);
    assert.deepEqual(readdirSync(temp), []);
  });

  it('a failed expectation is exit 1 with what was expected and what came', () => {
    writeProject(FEATURE.replace('answers 200', 'answers 418'));
    const result = cli(['test', '--import', 'steps.cjs', '--reports', 'reports/failed']);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /1 scenario \(1 failed\)/);
    assert.match(result.stdout, /-200\s+\+418/);
  });

  it('an undefined step is exit 1, with Cucumber’s snippet and the nearest library steps', () => {
    writeProject(`${FEATURE}    And the mock frobnicates the key\n`);
    const result = cli(['test', '--import', 'steps.cjs', '--reports', 'reports/undefined']);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /Implement with the following snippet/);
    assert.match(
      result.stdout,
      /Undefined step: And the mock frobnicates the key \(features\/mock\.feature:5\)\n {2}nearest library steps:\n( {4}\S.*\n){1,3}/,
    );
  });

  it('--dry-run starts no mock and reports undefined steps', () => {
    writeProject(`${FEATURE}    And the mock frobnicates the key\n`);
    const result = cli(['test', '--dry-run', '--import', 'steps.cjs', '--reports', 'reports/dry']);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /Undefined step: And the mock frobnicates the key/);
  });

  it('usage and input errors are one line and exit 2', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as { port: number }).port;
    await new Promise((done) => closed.close(done));
    writeProject(FEATURE);
    const cases: Array<[string[], RegExp]> = [
      [['--frobnicate'], /^Unknown option '--frobnicate'/],
      [['no-such-folder'], /^no such feature file or folder: no-such-folder$/],
      [['--import', 'missing.js'], /^no such file to import: missing\.js$/],
      [['--tags', '@nothing'], /^--tags "@nothing" matches no scenario in features$/],
      [['--tags', '@a and'], /^--tags "@a and" is not a tag expression: /],
      [['--mock-url', 'ftp://127.0.0.1'], /^--mock-url must be an http:\/\/ or https:\/\/ URL/],
      [
        ['--mock-url', `http://127.0.0.1:${port}`],
        new RegExp(
          `^--mock-url http://127.0.0.1:${port}: no ready coincover-mock there \\(GET /_mock/health within 5 s: ECONNREFUSED\\)$`,
        ),
      ],
      [['--control-token', 'x'.repeat(20)], /^--control-token is for the mock at --mock-url/],
    ];
    for (const [args, message] of cases) {
      const result = cli(['test', ...args]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      const lines = result.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, result.stderr);
      const line = (lines[0] as string).replace(/^coincover-mock test: /, '');
      assert.match(line.replace(/ \(see coincover-mock test --help\)$/, ''), message);
    }
    const empty = mkdtempSync(join(temp, 'empty-'));
    mkdirSync(join(empty, 'features'));
    const none = cli(['test'], empty);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no scenario found in features/);
  });

  it('tests a running mock at --mock-url', async () => {
    writeProject(FEATURE);
    const mock = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await watchReadyLine(mock, 'serve').url;
      const result = await new Promise<{ status: number | null; out: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [BIN, 'test', '--import', 'steps.cjs', '--mock-url', url, '--reports', 'reports/url'],
          { cwd: project, env: { ...process.env, TMPDIR: temp, TSX_DISABLE_CACHE: '1' } },
        );
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.stderr.on('data', (chunk) => (out += chunk));
        child.once('close', (status) => resolve({ status, out }));
      });
      assert.equal(result.status, 0, result.out);
    } finally {
      mock.kill('SIGTERM');
    }
  });
});

describe('coincover-mock steps', () => {
  it('lists the library, as text and as Markdown', () => {
    const text = cli(['steps']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\{string\}|\{int\}/);
    const markdown = cli(['steps', '--markdown']);
    assert.equal(markdown.status, 0, markdown.stderr);
    assert.match(markdown.stdout, /^#/m);
    assert.equal(cli(['steps', '--html']).status, 2);
    assert.match(cli(['test', '--help']).stdout, /Usage: coincover-mock test/);
  });
});
