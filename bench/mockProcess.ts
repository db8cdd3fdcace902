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
  child: ChildProcess;
  /** Milliseconds from spawn to the ready line. */
  startupMs: number;
  stop(): Promise<void>;
}

export async function startMockProcess(args: string[]): Promise<MockProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Never leave a mock behind, whatever happens to this process.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the mock exited with ${code} before it was ready`)));
    lines.on('line', (line) => {
      const match = /ready at (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1] as string);
    });
  });
  const startupMs = performance.now() - started;
  return {
    url,
    child,
    startupMs,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
