/**
 * Runs the mock as a separate process, as a user would, so that the load generator and the server
 * do not share an event loop. Resolves once the ready line gives the URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../mock-server/cli.ts', import.meta.url));

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
}

/** The mock exited before its ready line: its exit code and what it wrote to stderr. */
export class MockStartError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`the mock exited with ${exitCode} before it was ready${stderr ? `: ${stderr.trim()}` : ''}`);
    this.name = 'MockStartError';
  }
}

export async function startMockProcess(args: string[], options: MockProcessOptions = {}): Promise<MockProcess> {
  const started = performance.now();
  const stdio = ['ignore', 'pipe', options.captureStderr ? 'pipe' : 'inherit'] as const;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--quiet', ...args], { stdio: [...stdio] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never leave a mock behind, whatever happens to this process.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const lines = createInterface({ input: child.stdout! });
  const readyLine = await new Promise<string>((resolve, reject) => {
    // 'close' comes after stderr has been read to its end.
    child.once('close', (code) => reject(new MockStartError(code, stderr)));
    lines.on('line', (line) => {
      if (/ready at (http:\/\/\S+)/.test(line)) resolve(line);
    });
  }).catch((error: unknown) => {
    process.removeListener('exit', kill);
    throw error;
  });
  const url = (/ready at (http:\/\/\S+)/.exec(readyLine) as RegExpExecArray)[1] as string;
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
