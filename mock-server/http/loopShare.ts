/**
 * Each connection's fair share of the one HTTP loop. Parsing and validating a request run on the
 * loop, so a client sending bodies that are costly to refuse (thousands of bad `sign_with` names,
 * a nesting bomb) back to back would hold it, and good requests on other connections would wait
 * behind every one. The loop time a request holds is counted (its JSON parse and its handler's
 * synchronous part, not the RSA work on the worker threads), and a client error that cost more
 * than COSTLY_MS is answered after a pause of PAUSE_PER_MS times that cost: a connection waiting
 * for its answer sends nothing, so it holds at most 1 / (1 + PAUSE_PER_MS) of the loop. Cheap
 * mistakes, every success and every server error are answered at once.
 */
import type { IncomingMessage } from 'node:http';

export const COSTLY_MS = 1;
export const PAUSE_PER_MS = 10;
export const MAX_PAUSE_MS = 1_000;
/**
 * Reading a body is loop work too, spread over the socket's data events where it cannot be timed
 * per request: it is counted by size, at about what reading costs on the loop.
 */
export const READ_MS_PER_MIB = 1;

const held = new WeakMap<IncomingMessage, number>();
const parseStarted = new WeakMap<IncomingMessage, number>();

function charge(req: IncomingMessage, ms: number): void {
  held.set(req, (held.get(req) ?? 0) + ms);
}

/** Runs `work` and counts the loop time it held against the request (its synchronous part). */
export function onLoop<T>(req: IncomingMessage, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    charge(req, performance.now() - started);
  }
}

/** The body of `bytes` has been read and its parsing starts (body-parser's verify hook). */
export function parseStarts(req: IncomingMessage, bytes: number): void {
  charge(req, (bytes / 1_048_576) * READ_MS_PER_MIB);
  parseStarted.set(req, performance.now());
}

/** The parser is done, with the body or an error: its time is counted. */
export function parseEnded(req: IncomingMessage): void {
  const started = parseStarted.get(req);
  if (started === undefined) return;
  parseStarted.delete(req);
  charge(req, performance.now() - started);
}

/** The loop milliseconds a request has held so far. */
export const loopHeldMs = (req: IncomingMessage): number => held.get(req) ?? 0;

/** How long to hold the answer `status` to `req` back; 0 for anything but a costly client error. */
export function pauseBeforeAnswer(req: IncomingMessage, status: number): number {
  const cost = loopHeldMs(req);
  if (status < 400 || status >= 500 || cost < COSTLY_MS) return 0;
  return Math.min(MAX_PAUSE_MS, Math.round(cost * PAUSE_PER_MS));
}

/** Sends an error answer now, or after the request's pause. */
export function answerInTurn(req: IncomingMessage, status: number, send: () => void): void {
  const pause = pauseBeforeAnswer(req, status);
  if (pause === 0) return send();
  setTimeout(send, pause).unref();
}
