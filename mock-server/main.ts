#!/usr/bin/env node
/**
 * The command line: `serve` starts the mock and prints one ready line.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { parseServeArgs, SERVE_USAGE, type Config } from './config.ts';

export async function serve(config: Config): Promise<{ url: string; close(): Promise<void> }> {
  const mock = createApp(config, {
    log: config.quiet
      ? undefined
      : (l) => console.log(`${l.method} ${l.path} ${l.status} ${l.ms}ms id=${l.requestId}${l.faults.length ? ` faults=${l.faults.join(',')}` : ''}`),
  });
  const server = mock.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  console.log(
    `coincover-mock ready at ${url} (environment ${config.environment}; API keys: partner "${config.partnerApiKeys[0] ?? ''}", standard "${config.standardApiKeys[0] ?? ''}"; JWKS ${url}/.well-known/jwks.json; seeded ${mock.seeded.keys} keys, ${mock.seeded.pool} pool keys)`,
  );
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        mock.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(SERVE_USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'serve') {
    console.error(`coincover-mock: unknown command ${JSON.stringify(command)}\n\n${SERVE_USAGE}`);
    return 2;
  }
  let config: Config;
  try {
    config = parseServeArgs(rest, process.env);
  } catch (error) {
    console.error(`coincover-mock: ${(error as Error).message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  const running = await serve(config);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: Error) => {
      console.error(`coincover-mock: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
