/**
 * The request log on stdout, batched: the lines of one turn of the event loop leave in one write
 * (one system call, one wake-up of whatever reads the pipe) instead of a console.log each, which
 * under load cost the HTTP loop about a tenth of its time per request. Lines keep their order,
 * and what is pending is written before anything else goes to stdout through `writeNow` and
 * before the process exits (a process killed with SIGKILL loses at most the current turn's lines).
 * When stdout's reader goes away, the log stops and the mock serves on.
 */

export interface LineSink {
  write(chunk: string): unknown;
}

export class BatchedLines {
  private pending: string[] = [];
  private scheduled = false;
  /** The sink failed (stdout's reader went away): lines are dropped from then on. */
  private closed = false;

  constructor(private readonly sink: LineSink) {}

  /** Stops writing: the reader of the sink is gone. The mock goes on serving. */
  close(): void {
    this.closed = true;
    this.pending = [];
  }

  /** Queues one line (without its newline); it leaves at the end of this turn of the loop. */
  line(text: string): void {
    if (this.closed) return;
    this.pending.push(text);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is pending, at once. */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const chunk = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.sink.write(chunk);
  }

  /** A line that must not wait (the ready line): pending lines first, then this one. */
  writeNow(text: string): void {
    this.flush();
    if (!this.closed) this.sink.write(`${text}\n`);
  }
}

let stdoutLines: BatchedLines | undefined;

/** The one batched writer of this process's stdout (its pending lines are written on exit). */
export function stdoutLog(): BatchedLines {
  if (!stdoutLines) {
    const lines = new BatchedLines(process.stdout);
    // Writes to a pipe or a file are synchronous on exit; nothing pending is lost.
    process.once('exit', () => lines.flush());
    // A closed pipe (`coincover-mock serve | head -1`) must not take the mock down, as
    // console.log's ignored errors never did: the log stops, the mock serves on.
    process.stdout.on('error', () => lines.close());
    stdoutLines = lines;
  }
  return stdoutLines;
}

/** Whether anything in this process has written the request log to stdout (it then holds stdout's hooks). */
export const stdoutLogInUse = (): boolean => stdoutLines !== undefined;
