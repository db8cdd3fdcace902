/**
 * A mock started as a child process, as a user starts it: its stdout collected as it comes, and
 * the URL of its ready line (rejected, with what it printed, if it exits before one).
 */
import type { ChildProcess } from 'node:child_process';

export interface ChildOutput {
  /** The URL of the ready line. */
  url: Promise<string>;
  /** All the child has printed on stdout so far. */
  text(): string;
}

export function watchReadyLine(child: ChildProcess, what = 'the mock'): ChildOutput {
  let output = '';
  const stdout = child.stdout;
  if (!stdout) throw new Error(`${what} was started without a stdout pipe`);
  stdout.setEncoding('utf8');
  const url = new Promise<string>((resolve, reject) => {
    stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', () => reject(new Error(`${what} exited: ${output}`)));
  });
  return { url, text: () => output };
}
