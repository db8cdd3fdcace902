/**
 * The one client of the mock's control plane (/_mock) the steps use. A mock started with
 * --control-token wants the token in x-mock-control-token on every call but /_mock/health:
 * it is read from COINCOVER_MOCK_CONTROL_TOKEN, as the runner's is.
 */
import { request } from 'undici';
import type { JournalEntry } from '../../mock-server/api/mockHandle.cts';
import type { FaultSwitch } from '../../mock-server/control/faultSwitches.ts';
import type { SeedFile } from '../../mock-server/store/seedFormat.ts';

/** A journal entry as the control plane answers it: the Node API's own type. */
export type { JournalEntry };

export interface Health {
  status: string;
  pool: { seeded: number };
  store: { keys: number; backups: number };
  [field: string]: unknown;
}

export class ControlPlaneError extends Error {
  override readonly name = 'ControlPlaneError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class ControlPlane {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined = process.env.COINCOVER_MOCK_CONTROL_TOKEN,
  ) {}

  /** One call; the answer's status and JSON body (undefined when the body is not JSON). */
  async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    json?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (this.token) headers['x-mock-control-token'] = this.token;
    if (json !== undefined) headers['content-type'] = 'application/json';
    const answer = await request(`${this.baseUrl}/_mock${path}`, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await answer.body.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: answer.statusCode, body };
  }

  private async ok<T>(method: 'GET' | 'POST' | 'DELETE', path: string, json?: unknown) {
    const { status, body } = await this.call(method, path, json);
    if (status !== 200)
      throw new ControlPlaneError(
        status,
        `${method} /_mock${path} answered ${status}: ${JSON.stringify(body)?.slice(0, 300)}`,
      );
    return body as T;
  }

  health(): Promise<Health> {
    return this.ok<Health>('GET', '/health');
  }

  /** One request's journal entry; undefined when the journal has none (404). */
  async entry(requestId: string): Promise<JournalEntry | undefined> {
    const { status, body } = await this.call('GET', `/requests/${encodeURIComponent(requestId)}`);
    if (status === 404) return undefined;
    if (status !== 200)
      throw new ControlPlaneError(status, `the journal answered ${status} for ${requestId}`);
    return body as JournalEntry;
  }

  /** The newest entries first, as GET /_mock/requests answers; `query` is its filter (e.g. since=). */
  async journal(query: Record<string, string | number> = {}): Promise<JournalEntry[]> {
    const search = new URLSearchParams(
      Object.entries({ limit: 1000, ...query }).map(([k, v]) => [k, String(v)]),
    );
    return (await this.ok<{ requests: JournalEntry[] }>('GET', `/requests?${search}`)).requests;
  }

  /** The id of the newest entry: a marker to read from later with journalSince. */
  async journalMarker(): Promise<string | undefined> {
    return (await this.journal({ limit: 1 }))[0]?.id;
  }

  /** The entries newer than `marker`, oldest first. */
  async journalSince(marker: string | undefined): Promise<JournalEntry[]> {
    const entries = await this.journal();
    const end = marker === undefined ? entries.length : entries.findIndex((e) => e.id === marker);
    return entries.slice(0, end < 0 ? entries.length : end).reverse();
  }

  async armFault(fault: FaultSwitch, times = 1): Promise<void> {
    await this.ok('POST', '/faults', { fault, times });
  }

  async disarmFaults(): Promise<void> {
    await this.ok('DELETE', '/faults');
  }

  async reset(): Promise<{ reset: boolean; keys_seeded: number; backups_seeded: number }> {
    return this.ok('POST', '/reset');
  }

  /** What the mock holds of one key (GET /_mock/keys/{id}): environment, type, never the private key. */
  keyView(keyId: string): Promise<{ key_environment: string } & Record<string, unknown>> {
    return this.ok('GET', `/keys/${encodeURIComponent(keyId)}`);
  }

  snapshot(): Promise<SeedFile> {
    return this.ok<SeedFile>('GET', '/snapshot');
  }

  /** A JWT from the mock's test issuer (POST /_mock/tokens). */
  async mintToken(body: { scopes?: string[]; expires_in?: number } = {}): Promise<string> {
    return (await this.ok<{ access_token: string }>('POST', '/tokens', body)).access_token;
  }
}
