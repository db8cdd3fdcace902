/**
 * Starting the mock: createApp, listen, print one ready line. The CLI (cli.ts), the tests, the
 * runner and the benchmark all start it through serve().
 */
import type { AddressInfo } from 'node:net';
import { createApp, type MockApp } from './app.ts';
import { TEST_API_KEYS, type Config } from './config.ts';
import type { LogLine } from './http/requestContext.ts';
import { createHttpServer } from './http/server.ts';
import { stdoutLog } from './logLines.ts';
import { bodyLimitOf } from './transport.ts';

export interface ServeOptions {
  /** Where the request log lines go (default: stdout, batched per turn of the loop, unless config.quiet). */
  log?: (line: string) => void;
  /** Where the ready line goes (default: stdout); null prints nothing. */
  announce?: ((line: string) => void) | null;
}

/** The port is taken: the CLI's exit code 3, with the port named. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `port ${port} on ${host} is in use (another coincover-mock?): choose another with --port, or --port 0 for any free port`,
    );
  }
}

/** An API key as the ready line shows it: the published test keys in full, any other only as configured. */
function shownKey(keys: readonly string[], testKey: string): string {
  const key = keys[0];
  if (key === undefined) return 'none';
  return key === testKey ? `"${key}"` : 'configured (not shown)';
}

export function readyLine(
  url: string,
  config: Config,
  mock: Pick<MockApp, 'seeded' | 'poolSource'>,
): string {
  const keys = `partner ${shownKey(config.partnerApiKeys, TEST_API_KEYS.partner)}, standard ${shownKey(config.standardApiKeys, TEST_API_KEYS.standard)}`;
  const state = config.dataDir ? `data dir ${config.dataDir}` : 'state in memory';
  return `coincover-mock ready at ${url} (environment ${config.environment}; API keys: ${keys}; JWKS ${url}/.well-known/jwks.json; journal UI ${url}/_mock/ui; seeded ${mock.seeded.keys} keys, ${mock.seeded.backups} backups, ${mock.seeded.pool} pool keys; key pool: ${mock.poolSource}; ${state})`;
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
  // stdoutLog() only when stdout is used: a process embedding the mock keeps its stdout as it was.
  const log = options.log ?? (config.quiet ? undefined : (line: string) => stdoutLog().line(line));
  const mock = createApp(config, { log: log && ((l) => log(formatLogLine(l))) });
  const http = createHttpServer(mock.app, (req) =>
    bodyLimitOf(new URL(req.url ?? '/', 'http://mock').pathname, config.strictRequests),
  );
  const server = http.server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
      server.listen(config.port, config.host);
    });
  } catch (error) {
    mock.close();
    if ((error as { code?: unknown }).code === 'EADDRINUSE')
      throw new PortInUseError(config.host, config.port);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const announce =
    options.announce === undefined
      ? (line: string) => stdoutLog().writeNow(line)
      : options.announce;
  announce?.(readyLine(url, config, mock));
  return {
    url,
    deps: mock.deps,
    // Requests in flight get their answer (within SERVER_LIMITS.shutdownGraceMs), then the store and workers close.
    close: async () => {
      await http.close();
      mock.close();
    },
  };
}
