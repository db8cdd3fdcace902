/**
 * Running an integrator's client command: in its own process group (so a time-out kills its
 * children too), with a clean contract environment, collecting stdout, the tail of stderr and the
 * JSON result line. Never throws for anything the client does: every outcome is a ClientRun.
 */
import { spawn } from 'node:child_process';

export interface ClientCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export interface ClientRun {
  /** null when the process did not start or was killed. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Why the command could not be started at all (for example ENOENT). */
  spawnError: string | null;
  /** The first STDOUT_LIMIT_BYTES of stdout (functions mode's answers), then only its tail. */
  stdout: string;
  /** The last STDOUT_TAIL_BYTES of stdout: the result line of a client that printed a lot first. */
  stdoutTail: string;
  /** Bytes written to stdout and stderr in all; beyond the limits above they are dropped. */
  stdoutBytes: number;
  stderrBytes: number;
  /** The first STDOUT_TAIL_BYTES of stderr, for the secret check (the tail alone could miss an early leak). */
  stderrHead: string;
  stderrTail: string;
  /** The last stdout line parsed as a JSON object, when it is one. */
  result: Record<string, unknown> | null;
  durationMs: number;
}

export interface RunOptions {
  env: Record<string, string>;
  timeoutMs: number;
  /** Written to stdin, which is then closed; stdin is closed at once without it. */
  input?: string;
  cwd?: string;
  /** Inherited variables the client may see (PATH, HOME...); everything else is left out. */
  inherit?: readonly string[];
}

const STDERR_TAIL_BYTES = 4096;
const STDOUT_LIMIT_BYTES = 1024 * 1024;
const STDOUT_TAIL_BYTES = 64 * 1024;
const DEFAULT_INHERIT = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SYSTEMROOT', 'NODE_EXTRA_CA_CERTS'];

/** A command line given as one string runs through the shell, as CI systems do. */
export function shellCommand(commandLine: string): ClientCommand {
  return { command: '/bin/sh', args: ['-c', commandLine] };
}

export function lastJsonLine(stdout: string): Record<string, unknown> | null {
  const lines = stdout.trim().split('\n');
  const last = lines[lines.length - 1]?.trim() ?? '';
  try {
    const value = JSON.parse(last) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The process groups of the clients running now, each with the function that kills it. */
const runningGroups = new Set<() => void>();

/** Kills every client still running, with its children: the run is being stopped by a signal. */
export function killRunningClients(): void {
  for (const kill of runningGroups) kill();
}

export function runClient(client: ClientCommand, options: RunOptions): Promise<ClientRun> {
  const started = performance.now();
  const env: Record<string, string> = {};
  for (const name of options.inherit ?? DEFAULT_INHERIT) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, options.env);
  return new Promise((resolve) => {
    let stdout = '';
    let stdoutTail = '';
    let stdoutBytes = 0;
    let stderr = '';
    let stderrHead = '';
    let stderrBytes = 0;
    let timedOut = false;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const child = spawn(client.command, [...client.args], {
      env,
      cwd: options.cwd,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    runningGroups.add(killGroup);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    // A client flooding its output costs the runner a bounded amount of memory, never a crash.
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdoutBytes += Buffer.byteLength(chunk);
      if (stdout.length < STDOUT_LIMIT_BYTES)
        stdout += chunk.slice(0, STDOUT_LIMIT_BYTES - stdout.length);
      stdoutTail = (stdoutTail + chunk).slice(-STDOUT_TAIL_BYTES);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderrBytes += Buffer.byteLength(chunk);
      if (stderrHead.length < STDOUT_TAIL_BYTES)
        stderrHead += chunk.slice(0, STDOUT_TAIL_BYTES - stderrHead.length);
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });
    child.stdin.on('error', () => {
      // the client closed its stdin early: not our failure
    });
    child.stdin.end(options.input ?? '');
    const finish = (
      exitCode: number | null,
      signal: NodeJS.Signals | null,
      spawnError: string | null,
    ) => {
      clearTimeout(timer);
      killGroup(); // leave no grandchildren behind
      runningGroups.delete(killGroup);
      resolve({
        exitCode,
        signal,
        timedOut,
        spawnError,
        stdout,
        stdoutTail,
        stdoutBytes,
        stderrBytes,
        stderrHead,
        stderrTail: stderr,
        result: lastJsonLine(stdoutTail),
        durationMs: performance.now() - started,
      });
    };
    // When the client itself exits, its leftover children go with it: a child still holding the
    // pipes open would otherwise keep 'close' from firing until the time limit.
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      killGroup();
    });
    child.once('error', (error) => finish(null, null, error.message));
    child.once('close', (code, signal) =>
      finish(exited?.code ?? code, exited?.signal ?? signal, null),
    );
  });
}
