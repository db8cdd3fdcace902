/**
 * A JWKS the runner serves in place of the mock's, to test what a client trusts (reference §6):
 * the same signing key published only after the client's first fetch (a rotation), published
 * with a flaw that makes it ineligible, or behind a redirect. It records every fetch, so what
 * the client did is observable. It listens on the loopback interface and dials nothing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { request } from 'undici';

export const JWKS_PATH = '/.well-known/jwks.json';
/** Where the redirect points: fetching it means the redirect was followed. */
export const MOVED_PATH = '/moved/jwks.json';

export const INELIGIBLE_FLAWS = {
  'a purpose without assignment-sig': (jwk: Jwk): Jwk => ({
    ...jwk,
    'coincover:purposes': ['policy-sig'],
  }),
  'a validFrom in the future': (jwk: Jwk): Jwk => ({
    ...jwk,
    'coincover:validFrom': new Date(Date.now() + 30 * 24 * 3600 * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  }),
  'the alg ES384': (jwk: Jwk): Jwk => ({ ...jwk, alg: 'ES384' }),
} as const;
export type IneligibleFlaw = keyof typeof INELIGIBLE_FLAWS;

export type StandInMode =
  { kind: 'rotation' } | { kind: 'redirect' } | { kind: 'ineligible'; flaw: IneligibleFlaw };

export type Jwk = Record<string, unknown>;

export interface JwksStandIn {
  /** The value for COINCOVER_JWKS_URL. */
  url: string;
  /** Paths fetched, in order. */
  fetches(): string[];
  close(): Promise<void>;
}

/** A well-formed, eligible P-256 key that signed nothing: what the set held before the rotation. */
function decoyKey(): Jwk {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
    format: 'jwk',
  });
  return {
    ...jwk,
    alg: 'ES256',
    use: 'sig',
    kid: 'enclave-signing-key-v0',
    'coincover:purposes': ['assignment-sig', 'policy-sig'],
    'coincover:validFrom': '2026-01-01T00:00:00Z',
  };
}

export async function startJwksStandIn(
  mockJwksUrl: string,
  mode: StandInMode,
): Promise<JwksStandIn> {
  const real = ((await (await request(mockJwksUrl)).body.json()) as { keys: Jwk[] }).keys;
  const decoy = decoyKey();
  const fetched: string[] = [];
  const sockets = new Set<Socket>();
  const send = (res: ServerResponse, keys: Jwk[]) =>
    res
      .writeHead(200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'max-age=600, must-revalidate',
        Connection: 'close',
      })
      .end(JSON.stringify({ keys }));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    fetched.push(path);
    req.resume();
    if (mode.kind === 'redirect') {
      if (path === JWKS_PATH)
        return res.writeHead(302, { Location: MOVED_PATH, Connection: 'close' }).end();
      if (path === MOVED_PATH) return send(res, real);
    } else if (path === JWKS_PATH) {
      if (mode.kind === 'rotation')
        return send(
          res,
          fetched.filter((p) => p === JWKS_PATH).length === 1 ? [decoy] : [decoy, ...real],
        );
      return send(res, real.map(INELIGIBLE_FLAWS[mode.flaw]));
    }
    res.writeHead(404, { Connection: 'close' }).end();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${JWKS_PATH}`,
    fetches: () => [...fetched],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
