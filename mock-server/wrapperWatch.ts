/**
 * `npm start` and `npx coincover-mock serve` put wrappers between the user and the server
 * (npm, then `sh -c`). A signal to the PID the user or CI job holds ends the wrapper, and the
 * shell dies without passing it on, which would leave the server holding the port and the data
 * directory. So when npm started this process, the server watches its wrappers and stops as soon
 * as one of them is gone: its parent (the shell), and on Linux that parent's parent (npm).
 */
import { readFileSync } from 'node:fs';

/** The parent PID of `pid` from /proc (Linux), or undefined where there is no /proc. */
function parentOf(pid: number): number | undefined {
  try {
    // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Calls `stop` once when a wrapper npm put around this process exits. Does nothing outside npm. */
export function stopWithWrappers(env: NodeJS.ProcessEnv, stop: () => void, everyMs = 500): void {
  if (env.npm_command === undefined && env.npm_lifecycle_event === undefined) return;
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const timer = setInterval(() => {
    if (
      process.ppid !== parent ||
      (grandparent !== undefined && parentOf(parent) !== grandparent)
    ) {
      clearInterval(timer);
      stop();
    }
  }, everyMs);
  timer.unref();
}
