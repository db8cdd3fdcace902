/**
 * A forward proxy that refuses everything and remembers what was asked. The runner starts the
 * integrator's client with HTTPS_PROXY/HTTP_PROXY pointing here, so the hosts its production
 * profile would reach become observable without any traffic leaving the machine: this module
 * never opens an outbound connection, it only answers 403.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ProxyRequest {
  method: string;
  host: string;
  port: number;
  url: string;
  at: string;
}

export interface RecordingProxy {
  /** http://127.0.0.1:PORT, the value for HTTPS_PROXY and HTTP_PROXY. */
  url: string;
  requests(): ProxyRequest[];
  close(): Promise<void>;
}

export const REFUSED_BODY =
  'coincover-mock recording proxy: connection refused (nothing leaves this machine)\n';
const REFUSED_RAW = `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(REFUSED_BODY)}\r\n\r\n${REFUSED_BODY}`;

/** host and port of a CONNECT target ("host:443", "[::1]:443"); port 0 when there is none. */
function parseAuthority(target: string): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?(?::(\d{1,5}))?$/.exec(target) ?? [];
  return { host: (match[1] ?? target).toLowerCase(), port: Number(match[2] ?? 0) };
}

/** An absolute-form request target ("http://host/path"), as clients send through a proxy. */
function parseAbsolute(target: string): { host: string; port: number } | null {
  try {
    const url = new URL(target);
    if (!/^[a-z][a-z0-9+.-]*:$/.test(url.protocol) || url.hostname === '') return null;
    const port =
      url.port !== ''
        ? Number(url.port)
        : url.protocol === 'https:' || url.protocol === 'wss:'
          ? 443
          : 80;
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return null; // origin-form ("/path"): a request to the proxy itself, not for another host
  }
}

export async function startRecordingProxy(
  options: { host?: string } = {},
): Promise<RecordingProxy> {
  const recorded: ProxyRequest[] = [];
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy()); // a client resetting must not crash the runner
  };
  const record = (method: string, target: { host: string; port: number }, url: string) =>
    recorded.push({
      method,
      host: target.host,
      port: target.port,
      url,
      at: new Date().toISOString(),
    });

  // CONNECT (HTTPS through a proxy) and Upgrade requests hand over the raw socket: answer on it, never dial.
  const refuseSocket = (req: IncomingMessage, socket: Duplex) => {
    const url = req.url ?? '';
    if (req.method === 'CONNECT') record('CONNECT', parseAuthority(url), url);
    else {
      const target = parseAbsolute(url);
      if (target) record(req.method ?? 'GET', target, url);
    }
    socket.end(REFUSED_RAW); // the same socket as on 'connection', so it is already tracked
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const target = parseAbsolute(url);
    if (target) record(req.method ?? 'GET', target, url);
    req.resume(); // drain any body so the response is not held up
    res.writeHead(403, { Connection: 'close', 'Content-Type': 'text/plain' }).end(REFUSED_BODY);
  });
  server.on('connection', (socket: Socket) => track(socket));
  server.on('connect', refuseSocket);
  server.on('upgrade', refuseSocket);
  server.on('clientError', (_error: Error, socket: Duplex) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    requests: () => recorded.map((request) => ({ ...request })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
