/**
 * The command line: `coincover-mock serve | run | check-config`.
 */
import { parseArgs } from 'node:util';
import { checkConfigFiles, formatFindings } from '../runner/checkConfig.ts';
import { runConformance, UsageError } from '../runner/conformance.ts';
import { parseServeArgs, SERVE_USAGE, type Config } from './config.ts';
import { serve } from './main.ts';

const RUN_USAGE = `Usage: coincover-mock run --client "<command>" [options]

  --client CMD              the integration under test, run through the shell (docs/client-contract.md)
  --tags EXPR               only the requirements matching a Cucumber tag expression, e.g. "@req-backup-hot"
  --reports DIR             where the reports go (default reports)
  --port N                  the mock's port (default 0: any free port)
  --timeout SECONDS         the client's time limit per run (default 60)
  --expected-failures FILE  allowed failures, by requirement and fault code (YAML)
  --config FILE             a production configuration file to lint (repeatable)`;

const CHECK_CONFIG_USAGE = `Usage: coincover-mock check-config <files…>

  Lints production configuration files (.env, .json, .yaml, .yml) for CoinCover sandbox hosts.
  Exit 0: clean; 1: a sandbox host was found; 2: a file could not be read or parsed.`;

const USAGE = `Usage: coincover-mock <command> [options]

Commands:
  serve          start the mock server
  run            run the conformance requirements against a client, as a CI gate
  check-config   lint production configuration files for sandbox URLs

${SERVE_USAGE}

${RUN_USAGE}

${CHECK_CONFIG_USAGE}`;

async function runServe(argv: string[]): Promise<number | undefined> {
  let config: Config;
  try {
    config = parseServeArgs(argv, process.env);
  } catch (error) {
    console.error(`coincover-mock: ${(error as Error).message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  const running = await serve(config);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
        config: { type: 'string', multiple: true, default: [] },
      },
    }).values;
  } catch (error) {
    console.error(`coincover-mock run: ${(error as Error).message}\n\n${RUN_USAGE}`);
    return 2;
  }
  const port = Number(values.port);
  const timeout = Number(values.timeout);
  if (!values.client || !Number.isInteger(port) || port < 0 || port > 65535 || !(timeout > 0)) {
    console.error(`coincover-mock run: ${!values.client ? '--client is required' : 'invalid --port or --timeout'}\n\n${RUN_USAGE}`);
    return 2;
  }
  try {
    const { exitCode } = await runConformance({
      client: values.client,
      reportsDir: values.reports,
      port,
      tags: values.tags,
      expectedFailuresFile: values['expected-failures'],
      timeoutSeconds: timeout,
      configFiles: values.config,
      log: (line) => console.log(line),
    });
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`coincover-mock run: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function checkConfig(files: string[]): number {
  if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
    console.error(CHECK_CONFIG_USAGE);
    return 2;
  }
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
  switch (command) {
    case 'serve':
      return runServe(rest);
    case 'run':
      return runGate(rest);
    case 'check-config':
      return checkConfig(rest);
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(command === undefined ? USAGE : `coincover-mock: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: Error) => {
    console.error(`coincover-mock: ${error.message}`);
    process.exitCode = 1;
  },
);
