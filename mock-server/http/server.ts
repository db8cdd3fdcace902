/**
 * The node:http server the mock listens with: limits on slow and idle clients, `100 Continue`
 * only for bodies the app will read, and a shutdown that lets requests in flight get their
 * answer. serve() (main.ts) uses it; tests that need these behaviours do too.
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { withholdContinue } from './drainRequest.ts';

/** The documented limits (README, "Reliability"). */
export const SERVER_LIMITS = Object.freeze({
  /** All request headers must arrive within this (Node's default is 60 s): slowloris. */
  headersTimeoutMs: 10_000,
  /** The whole request, body included, must arrive within this (Node's default is 300 s): a slow 10 MB upload. */
  requestTimeoutMs: 60_000,
  /** An idle keep-alive connection is closed after this (Node's default). */
  keepAliveTimeoutMs: 5_000,
  /** A connection on which nothing moves for this long is closed. */
  socketIdleMs: 30_000,
  /** Connections held at once; more are refused at accept. */
  maxConnections: 256,
  /** On SIGTERM or SIGINT, requests in flight get this long to be answered before their connections are closed. */
  shutdownGraceMs: 10_000,
});
export type ServerLimits = { readonly [K in keyof typeof SERVER_LIMITS]: number };

export interface HttpServer {
  server: Server;
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** Stops accepting, waits (at most the grace) for the requests in flight to be answered, then closes every connection. */
  close(): Promise<void>;
}

/**
 * `bodyLimit` is the most bytes the app reads for a request: a client that announces more and
 * asks `Expect: 100-continue` gets the app's answer (413) instead of the 100, and sends nothing.
 */
export function createHttpServer(
  app: RequestListener,
  bodyLimit: (req: IncomingMessage) => number,
  limits: ServerLimits = SERVER_LIMITS,
): HttpServer {
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  });
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.socketIdleMs);
  const active = new Set<ServerResponse>();
  let closing = false;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    active.add(res);
    if (closing) closeAfter(res);
    // The idle limit is for connections on which nothing moves between requests: while the mock
    // is working on an answer (a key generated on demand on a busy machine can take longer), the
    // request and headers timeouts bound the client, and nothing bounds the mock's own work.
    const socket = req.socket;
    socket.setTimeout(0);
    res.once('close', () => {
      active.delete(res);
      if (!socket.destroyed) socket.setTimeout(limits.socketIdleMs);
    });
  });
  server.on('request', app);
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > bodyLimit(req)) withholdContinue(req);
    else res.writeContinue();
    server.emit('request', req, res);
  });
  return {
    server,
    inFlight: () => active.size,
    async close() {
      closing = true;
      // Called back once every connection has ended (at once, with an error, if it never listened).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Answers still to come close their connection; idle connections go now.
      for (const res of active) closeAfter(res);
      const deadline = performance.now() + limits.shutdownGraceMs;
      while (active.size > 0 && performance.now() < deadline) {
        server.closeIdleConnections();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
