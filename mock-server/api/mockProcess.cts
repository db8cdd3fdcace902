/**
 * Runs the mock as a separate process, as a user would: the CommonJS Node API, the tests of
 * restarts and start-up errors, and the benchmark (so the load generator and the server do not
 * share an event loop). Resolves once the ready line gives the URL. CommonJS, so that require()
 * of the package works where ES modules cannot be required (Jest on Node 20 and 22).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export interface MockProcess {
  url: string;
  /** The whole ready line (what was seeded, where state is kept). */
  readyLine: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the ready line. */
  startupMs: number;
  /** Stops it with SIGTERM (a clean shutdown) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills it with a signal (SIGKILL: no shutdown at all) and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** What it wrote to stderr so far, when started with captureStderr. */
  stderr(): string;
}

export interface MockProcessOptions {
  /** Keep stderr instead of passing it through: for tests of start-up errors. */
  captureStderr?: boolean;
  /** Extra environment variables for the mock process. */
  env?: Record<string, string>;
  /** Every line the mock prints after its ready line (request log lines). */
  onLine?: (line: string) => void;
  /** Options for the Node API's child (API_OPTIONS_VARIABLE); its stdin is then a pipe whose end stops it. */
  apiOptions?: Record<string, unknown>;
}

/** The variable through which the CommonJS Node API hands its options to the `serve` child. */
export const API_OPTIONS_VARIABLE = 'COINCOVER_MOCK_API_OPTIONS';

/** The mock exited before its ready line: its exit code and what it wrote to stderr. */
export class MockStartError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(
      `the mock exited with ${exitCode} before it was ready${stderr ? `: ${stderr.trim()}` : ''}`,
    );
    this.name = 'MockStartError';
  }
}

/** The package's command line (bin/coincover-mock.mjs), found from this file in sources or dist/. */
function packageBin(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const bin = join(dir, 'bin', 'coincover-mock.mjs');
    if (existsSync(bin) && existsSync(join(dir, 'package.json'))) return bin;
  }
  throw new Error('coincover-mock: cannot find bin/coincover-mock.mjs above ' + __dirname);
}

const READY = /ready at (http:\/\/\S+)/;

export async function startMockProcess(
  args: string[],
  options: MockProcessOptions = {},
): Promise<MockProcess> {
  const started = performance.now();
  const api = options.apiOptions !== undefined;
  const stdio = [
    api ? 'pipe' : 'ignore',
    'pipe',
    options.captureStderr ? 'pipe' : 'inherit',
  ] as const;
  const serveArgs = api ? [] : ['--port', '0', '--quiet', ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (api) env[API_OPTIONS_VARIABLE] = JSON.stringify(options.apiOptions);
  else delete env[API_OPTIONS_VARIABLE];
  const child = spawn(process.execPath, [packageBin(), 'serve', ...serveArgs], {
    stdio: [...stdio],
    env,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never leave a mock behind, whatever happens to this process.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const lines = createInterface({ input: child.stdout! });
  let ready = false;
  const readyLine = await new Promise<string>((resolve, reject) => {
    // 'close' comes after stderr has been read to its end.
    child.once('close', (code) => reject(new MockStartError(code, stderr)));
    lines.on('line', (line) => {
      if (ready) options.onLine?.(line);
      else if (READY.test(line)) {
        ready = true;
        resolve(line);
      }
    });
  }).catch((error: unknown) => {
    process.removeListener('exit', kill);
    throw error;
  });
  const url = (READY.exec(readyLine) as RegExpExecArray)[1] as string;
  const startupMs = performance.now() - started;
  const killWith = (signal: NodeJS.Signals) => {
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    url,
    readyLine,
    child,
    startupMs,
    kill: killWith,
    stderr: () => stderr,
    stop: () => killWith('SIGTERM'),
  };
}
