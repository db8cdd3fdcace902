/**
 * The handle the Node API resolves to, the same whether the mock runs in the caller's process (an
 * ES module import) or in a child process (require). It speaks to the mock's own control plane
 * over HTTP, as any test in another language would.
 */

/** What `startMock` takes: the options of `coincover-mock serve`, camelCased. */
export interface MockOptions {
  /** Address to bind (default 127.0.0.1; beyond loopback a controlToken is required). */
  host?: string;
  /** Host names besides loopback names, IP literals and host that requests may carry in Host (others get 421). */
  allowedHosts?: string[];
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Which environment's enclave signing key signs assignments (default uat). */
  environment?: 'uat' | 'prod';
  /** API keys with the partner-endpoint scope (default ["test-partner-key"]). */
  partnerApiKeys?: string[];
  /** API keys without it (default ["test-standard-key"]). */
  standardApiKeys?: string[];
  /** Seed files of keys and backups (never overwrite). */
  seedFiles?: string[];
  /** Hand out the shipped pre-generated test keys first (default true). */
  testPool?: boolean;
  /** Keep state in SQLite in this directory (needs the optional dependency better-sqlite3). */
  dataDir?: string;
  /** GET /_mock/snapshot includes private keys (test keys). */
  snapshotPrivateKeys?: boolean;
  /** Required in x-mock-control-token on /_mock; the handle sends it. */
  controlToken?: string;
  /** RSA-4096 keys kept ready per key environment (default 4). */
  poolSize?: number;
  /** Worker threads for RSA private-key work (default: one per core; 0: the main thread). */
  cryptoWorkers?: number;
  /** Request journal entries kept (default 1000). */
  journalLimit?: number;
  /** Identical bodies for every decryption failure. */
  opaqueErrors?: boolean;
  /** Other issued keys the wrong_key diagnosis tries (default 32). */
  wrongKeyCandidates?: number;
  /** Refuse what the published documents allow but looks wrong (unknown fields, long values, repeated or valueless sign_with entries, files over 10,000,000 bytes), instead of naming it as a warning (default false). */
  strictRequests?: boolean;
  /** A validation error's message: a string naming each field, as documented (default), or an object of problems keyed by field. */
  validationErrors?: 'string' | 'object';
  /** The ready line and a line per request: true prints them to stdout; a function receives them. Default: nothing is printed. */
  log?: boolean | ((line: string) => void);
}

/** One journal entry: what the mock saw and concluded for a request (never bodies or secrets). */
/**
 * The checks both entries make before starting a mock: options an object, `log` a boolean or a
 * function. Returns the other options and where log lines go (undefined: silent).
 */
export function readStartOptions(options: MockOptions): {
  rest: Omit<MockOptions, 'log'>;
  print: ((line: string) => void) | undefined;
} {
  if (options === null || typeof options !== 'object')
    throw new TypeError('startMock: options must be an object');
  const { log, ...rest } = options;
  if (log !== undefined && typeof log !== 'boolean' && typeof log !== 'function')
    throw new TypeError('startMock: option log must be a boolean or a function');
  const print =
    log === true
      ? (line: string) => console.log(line)
      : typeof log === 'function'
        ? log
        : undefined;
  return { rest, print };
}

export interface JournalEntry {
  id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  principal: { type: string; id: string } | null;
  key_id: string | null;
  backup_id: string | null;
  request: { content_type: string | null; content_length: number | null };
  faults: Array<{
    code: string;
    severity: string;
    message: string;
    details?: Record<string, unknown>;
    /** How to fix it, per client language (the fault catalogue's `fix`). */
    fix: Record<string, string>;
    [more: string]: unknown;
  }>;
  [more: string]: unknown;
}

export interface RunningMock {
  /** The base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The JWKS the enclave signatures verify against. */
  jwksUrl: string;
  /** The first API key of each kind, for the Authorization header. */
  apiKeys: { partner: string; standard: string };
  /** The journal, newest first; with an id (an x-request-id), that one entry. */
  journal(): Promise<JournalEntry[]>;
  journal(id: string): Promise<JournalEntry>;
  /** Forgets every key, backup, journal entry and armed fault (seeds are loaded again). */
  reset(): Promise<void>;
  /** Arms a fault switch (forged_signature, drop_after_store, internal_error, …) for `count` requests. */
  armFault(name: string, count?: number): Promise<void>;
  /** A test JWT for the partner endpoints' OAuth flow, with these scopes ("partner-endpoint"). */
  mintToken(scopes: string[], expiresIn?: number): Promise<string>;
  /** Stops the mock and waits until it has. */
  close(): Promise<void>;
}

export interface HandleParts {
  url: string;
  partnerApiKey: string;
  standardApiKey: string;
  controlToken: string | undefined;
  close(): Promise<void>;
}

/** A control-plane answer that is not 2xx: its status and the problem's detail. */
export class ControlPlaneError extends Error {
  override readonly name = 'ControlPlaneError';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`coincover-mock control plane answered ${status}: ${detail}`);
  }
}

export function mockHandle(parts: HandleParts): RunningMock {
  const control = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {};
    if (parts.controlToken !== undefined) headers['x-mock-control-token'] = parts.controlToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${parts.url}/_mock${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {
        // not JSON: the text itself
      }
      throw new ControlPlaneError(response.status, detail);
    }
    return JSON.parse(text) as T;
  };
  let closed: Promise<void> | undefined;
  function journal(): Promise<JournalEntry[]>;
  function journal(id: string): Promise<JournalEntry>;
  async function journal(id?: string): Promise<JournalEntry[] | JournalEntry> {
    if (id !== undefined)
      return control<JournalEntry>('GET', `/requests/${encodeURIComponent(id)}`);
    return (await control<{ requests: JournalEntry[] }>('GET', '/requests?limit=1000')).requests;
  }
  return {
    url: parts.url,
    jwksUrl: `${parts.url}/.well-known/jwks.json`,
    apiKeys: { partner: parts.partnerApiKey, standard: parts.standardApiKey },
    journal,
    reset: async () => {
      await control('POST', '/reset');
    },
    armFault: async (name, count = 1) => {
      await control('POST', '/faults', { fault: name, times: count });
    },
    mintToken: async (scopes, expiresIn) =>
      (
        await control<{ access_token: string }>('POST', '/tokens', {
          scopes,
          ...(expiresIn === undefined ? {} : { expires_in: expiresIn }),
        })
      ).access_token,
    close: () => (closed ??= parts.close()),
  };
}
