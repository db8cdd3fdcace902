/**
 * The command line: `coincover-mock serve [options]`.
 */
import { parseServeArgs, SERVE_USAGE, type Config } from './config.ts';
import { serve } from './main.ts';

const USAGE = `Usage: coincover-mock <command> [options]

Commands:
  serve          start the mock server

${SERVE_USAGE}`;

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

export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe(rest);
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
