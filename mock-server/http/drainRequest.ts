/**
 * Answering before the request body was read (a 413 on its declared size, say). A server that
 * closes the connection with body bytes unread makes the kernel reset it, and a client still
 * writing (Python's urllib, Java's HttpClient) then loses the answer: a broken pipe instead of
 * the 413. So the rest of the body is read and thrown away first, up to a bound in bytes and
 * time, and the answer goes out after it. A request whose client waits for `100 Continue` that
 * was withheld sends no body, so it is answered at once.
 */
import type { IncomingMessage } from 'node:http';

/** Most body bytes read and discarded before an early answer; beyond this the connection is just closed. */
export const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;
/** Longest wait for the rest of a body before an early answer. */
export const DRAIN_LIMIT_MS = 5_000;

const withheld = new WeakSet<IncomingMessage>();

/** Marks a request whose `Expect: 100-continue` was answered without the 100 (checkContinue in server.ts). */
export function withholdContinue(req: IncomingMessage): void {
  withheld.add(req);
}

export function afterBodyDrained(req: IncomingMessage, send: () => void): void {
  if (req.complete || req.destroyed || withheld.has(req) || req.readableEnded) return send();
  let seen = 0;
  let sent = false;
  const finish = () => {
    if (sent) return;
    sent = true;
    clearTimeout(timer);
    req.off('data', onData);
    send();
  };
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT_BYTES) finish();
  };
  const timer = setTimeout(finish, DRAIN_LIMIT_MS);
  timer.unref();
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  req.once('error', finish);
  req.resume();
}
