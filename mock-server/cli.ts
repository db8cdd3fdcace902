/**
 * The command line: `coincover-mock serve | run | test | steps | check-config`. Every failure is one line on
 * stderr and a documented exit code (EXIT); no stack trace reaches the user.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkConfigFiles, formatFindings } from '../runner/checkConfig.ts';
import { runConformance, UsageError } from '../runner/conformance.ts';
import { buildConfigFromOptions, parseServeArgs, SERVE_USAGE, type Config } from './config.ts';
import { API_OPTIONS_VARIABLE } from './api/mockProcess.cts';
import { PortInUseError, serve } from './main.ts';
import { fromPackageRoot } from './packagePaths.ts';
import { runStepsCommand, runTestCommand, STEPS_USAGE, TEST_USAGE } from './cli/testCommand.ts';
import { stopWithWrappers } from './wrapperWatch.ts';

/** The exit codes, as --help and the README document them. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, portInUse: 3, internal: 70 });

const EXIT_CODES = `Exit codes:
  0   ok (serve: stopped by SIGINT or SIGTERM; run: the gate passed; test: every scenario
      passed; check-config: clean)
  1   the gate failed (run), a scenario failed or has an undefined step (test), or a sandbox
      host was found (check-config)
  2   a usage or input error: unknown command or option, a bad value, an unreadable or invalid
      file, a data directory that cannot be used, a missing optional dependency, no feature
      file (test), a mock that is not ready at --mock-url (test)
  3   the port is in use
  70  an internal error of coincover-mock (please report it)`;

const RUN_USAGE = `Usage: coincover-mock run --client "<command>" [options]

  --client CMD              the integration under test, run through the shell (docs/client-contract.md)
  --tags EXPR               only the requirements matching a Cucumber tag expression, e.g. "@req-backup-hot"
  --reports DIR             where the reports go (default reports)
  --port N                  the mock's port (default 0: any free port)
  --timeout SECONDS         the client's time limit per run, the only one (default 60); past it the
                            client is killed with its children and fails with client_failed
  --expected-failures FILE  allowed failures, by requirement and fault code (YAML); fault not_checked
                            lets a requirement that could not be checked pass
  --allow-unchecked REQ     let requirement REQ (e.g. sandbox-url-config) pass when it cannot be
                            checked (repeatable, or comma-separated); by default it fails the gate
  --config FILE             a production configuration file to lint (repeatable)`;

const CHECK_CONFIG_USAGE = `Usage: coincover-mock check-config <files…>

  Lints production configuration files (.env, .json, .yaml, .yml) for CoinCover sandbox hosts.
  Exit 0: clean; 1: a sandbox host was found; 2: a file could not be read or parsed.`;

const USAGE_OF = {
  serve: SERVE_USAGE,
  run: RUN_USAGE,
  test: TEST_USAGE,
  steps: STEPS_USAGE,
  'check-config': CHECK_CONFIG_USAGE,
} as const;
type Command = keyof typeof USAGE_OF;

/** One line on stderr, pointing at the command's help. */
function usageError(command: Command | undefined, message: string): number {
  const who = command ? `coincover-mock ${command}` : 'coincover-mock';
  console.error(`${who}: ${oneLine(message)} (see ${who} --help)`);
  return EXIT.usage;
}

/** An error as one line: a multi-line message (a schema's list of problems) joined with "; ". */
const oneLine = (message: string) =>
  message.replace(/:?\s*\n\s*/g, (gap) => (gap.startsWith(':') ? ': ' : '; ')).trim();

const wantsHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h');

const USAGE = `Usage: coincover-mock <command> [options]

Commands:
  serve          start the mock server
  run            run the conformance requirements against a client, as a CI gate
  test           run your own feature files with the public step library
  steps          list the public step library's steps
  check-config   lint production configuration files for sandbox URLs

${SERVE_USAGE}

${RUN_USAGE}

${TEST_USAGE}

${STEPS_USAGE}

${CHECK_CONFIG_USAGE}

${EXIT_CODES}`;

async function runServe(argv: string[]): Promise<number | undefined> {
  // The CommonJS Node API starts `serve` as its child, with the options in this variable.
  const apiOptions = process.env[API_OPTIONS_VARIABLE];
  let config: Config;
  try {
    config =
      apiOptions === undefined
        ? parseServeArgs(argv, process.env)
        : buildConfigFromOptions(JSON.parse(apiOptions), 'startMock');
  } catch (error) {
    if (apiOptions === undefined) return usageError('serve', (error as Error).message);
    console.error(oneLine((error as Error).message));
    return EXIT.usage;
  }
  let running;
  try {
    running = await serve(config);
  } catch (error) {
    console.error(`coincover-mock serve: ${oneLine((error as Error).message)}`);
    return error instanceof PortInUseError ? EXIT.portInUse : EXIT.usage;
  }
  // This process is the server: a signal to it, or the end of the npm/npx wrapper it was started
  // by, stops the server, and nothing is left holding the port or the data directory.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => process.exit(EXIT.ok));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWithWrappers(process.env, stop);
  // Started by the Node API: stdin is a pipe from the test process, and its end (that process
  // exited, however it died) stops the mock, so none outlives its tests.
  if (apiOptions !== undefined) process.stdin.once('end', stop).once('close', stop).resume();
  return undefined;
}

async function runGate(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        client: { type: 'string' },
        tags: { type: 'string' },
        reports: { type: 'string', default: 'reports' },
        port: { type: 'string', default: '0' },
        timeout: { type: 'string', default: '60' },
        'expected-failures': { type: 'string' },
        'allow-unchecked': { type: 'string', multiple: true, default: [] },
        config: { type: 'string', multiple: true, default: [] },
      },
    }).values;
  } catch (error) {
    return usageError('run', (error as Error).message);
  }
  const allowUnchecked = values['allow-unchecked']
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const badAllow = allowUnchecked.find((id) => /^@|^req-/.test(id));
  if (badAllow)
    return usageError(
      'run',
      `--allow-unchecked takes the requirement without "@req-" (for @req-sandbox-url-config write sandbox-url-config), not ${badAllow}`,
    );
  const port = Number(values.port);
  const timeout = Number(values.timeout);
  if (!values.client) return usageError('run', '--client is required');
  if (!/^\d+$/.test(values.port) || port > 65535)
    return usageError('run', '--port must be an integer from 0 to 65535');
  if (!(timeout > 0) || !Number.isFinite(timeout))
    return usageError('run', '--timeout must be a number of seconds above 0');
  try {
    const { exitCode } = await runConformance({
      client: values.client,
      reportsDir: values.reports,
      port,
      tags: values.tags,
      expectedFailuresFile: values['expected-failures'],
      timeoutSeconds: timeout,
      configFiles: values.config,
      allowUnchecked,
      log: (line) => console.log(line),
    });
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) return usageError('run', error.message);
    if (error instanceof PortInUseError) {
      console.error(`coincover-mock run: ${error.message}`);
      return EXIT.portInUse;
    }
    throw error;
  }
}

function checkConfig(files: string[]): number {
  const option = files.find((f) => f.startsWith('-'));
  if (option !== undefined)
    return usageError('check-config', `unknown option ${JSON.stringify(option)}`);
  if (files.length === 0) return usageError('check-config', 'name at least one configuration file');
  const result = checkConfigFiles(files);
  const text = formatFindings(result);
  if (text) console.log(text);
  if (result.errors.length > 0) return 2;
  if (result.findings.length > 0) return 1;
  console.log(`check-config: ${files.length} file(s) clean: no CoinCover sandbox host`);
  return 0;
}

export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command !== undefined && Object.hasOwn(USAGE_OF, command)) {
    const known = command as Command;
    if (wantsHelp(rest)) {
      console.log(`${USAGE_OF[known]}\n\n${EXIT_CODES}`);
      return EXIT.ok;
    }
    const fail = (message: string) => usageError(known, message);
    if (known === 'serve') return runServe(rest);
    if (known === 'run') return runGate(rest);
    if (known === 'test') return runTestCommand(rest, fail);
    if (known === 'steps') return runStepsCommand(rest, fail);
    return checkConfig(rest);
  }
  switch (command) {
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return EXIT.ok;
    case '--version':
    case '-v':
      console.log(
        (JSON.parse(readFileSync(fromPackageRoot('package.json'), 'utf8')) as { version: string })
          .version,
      );
      return EXIT.ok;
    case undefined:
      console.error(USAGE);
      return EXIT.usage;
    default:
      return usageError(
        undefined,
        `unknown command ${JSON.stringify(command)}; the commands are ${Object.keys(USAGE_OF).join(', ')}`,
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: Error) => {
    console.error(`coincover-mock: internal error: ${error.message}`);
    process.exitCode = EXIT.internal;
  },
);
