/**
 * Starting the mock: createApp, listen, print one ready line. The CLI (cli.ts), the tests, the
 * runner and the benchmark all start it through serve().
 */
import type { AddressInfo } from 'node:net';
import { createApp, type MockApp } from './app.ts';
import type { Config } from './config.ts';
import type { LogLine } from './diagnostics/requestContext.ts';

export interface ServeOptions {
  /** Where the request log lines go (default: stdout, unless config.quiet). */
  log?: (line: string) => void;
}

export interface RunningMock {
  url: string;
  /** The running app's internals, for in-process tools such as the test suite's secret scan. */
  deps: MockApp['deps'];
  close(): Promise<void>;
}

export function formatLogLine(l: LogLine): string {
  return `${l.method} ${l.path} ${l.status} ${l.ms}ms id=${l.requestId}${l.faults.length ? ` faults=${l.faults.join(',')}` : ''}`;
}

export async function serve(config: Config, options: ServeOptions = {}): Promise<RunningMock> {
  const log = options.log ?? (config.quiet ? undefined : (line: string) => console.log(line));
  const mock = createApp(config, { log: log && ((l) => log(formatLogLine(l))) });
  const server = mock.app.listen(config.port, config.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    mock.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  console.log(
    `coincover-mock ready at ${url} (environment ${config.environment}; API keys: partner "${config.partnerApiKeys[0] ?? ''}", standard "${config.standardApiKeys[0] ?? ''}"; JWKS ${url}/.well-known/jwks.json; seeded ${mock.seeded.keys} keys, ${mock.seeded.backups} backups, ${mock.seeded.pool} pool keys; ${config.dataDir ? `data dir ${config.dataDir}` : 'state in memory'})`,
  );
  return {
    url,
    deps: mock.deps,
    close: () =>
      new Promise<void>((resolve) => {
        mock.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
