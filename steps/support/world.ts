/**
 * The typed World: one scenario's client, its customer, the keys it was given and the last
 * response. Steps stay in the user's words; the mechanics live here.
 */
import { randomUUID } from 'node:crypto';
import { After, setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { FormData, request } from 'undici';
import { mockUrl } from './mockUnderTest.ts';
import { contractDeparture } from './publishedContract.ts';
import { EXPOSED } from './secrets.ts';

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
  requestId: string;
  /** The request that was answered, for steps that look it up in the route table. */
  method: string;
  path: string;
  faults: string[];
}

export interface IssuedKey {
  keyId: string;
  publicKey: string;
  signature: string;
  signedPayload?: string;
  signedFields?: string[];
  environment: 'HOT' | 'COLD';
  keyType?: 'rsa4096' | 'secp256k1' | 'ed25519';
}

export interface StoredBackup {
  backupId: string;
  type: 'data' | 'file';
  /** The alias of the key it was stored under. */
  keyAlias: string;
}

export interface Customer {
  userIdentifier: string;
  customerId: string;
  customerName: string;
  packageId: string;
  packageName: string;
}

/** At most this many requests' journal entries are attached per scenario (a load scenario sends hundreds). */
const EVIDENCE_LIMIT = 20;

interface EntrySummary {
  id: string;
  method: string;
  path: string;
  status: number;
  faults: Array<{ code: string }>;
}

/**
 * The report's view of one request, as a markdown attachment titled with what it was and how it
 * was answered: its request id, then its journal entry.
 */
function evidence(
  requestId: string,
  entry: EntrySummary | undefined,
  missing?: string,
): [string, { mediaType: string; fileName: string }] {
  if (!entry)
    return [
      `**Request \`${requestId}\`**: no journal entry (${missing}).`,
      { mediaType: 'text/markdown', fileName: `request ${requestId}: no journal entry` },
    ];
  const codes = [...new Set(entry.faults.map((f) => f.code))];
  const title = `request ${requestId}: ${entry.method} ${entry.path} answered ${entry.status}${codes.length ? `, ${codes.join(', ')}` : ''}`;
  return [
    `**Request \`${requestId}\`**, its journal entry:\n\n\`\`\`json\n${JSON.stringify(entry, null, 2)}\n\`\`\``,
    { mediaType: 'text/markdown', fileName: title },
  ];
}

export type SendOptions = {
  json?: unknown;
  rawBody?: string | Buffer;
  form?: FormData;
  headers?: Record<string, string>;
  auth?: string | null;
};

export class CoinCoverWorld extends World {
  /** The mock this scenario talks to; a scenario may switch to a mock of its own. */
  baseUrl = mockUrl();
  /** The bearer token the client sends; null sends no Authorization header. */
  token: string | null = 'test-partner-key';
  /** Headers sent with every request of the scenario (for example a hand-written Authorization). */
  extraHeaders: Record<string, string> = {};
  customer: Customer = newCustomer();
  keys = new Map<string, IssuedKey>();
  response: ApiResponse | undefined;
  /** Set when a Then step has looked at the last response; the After hook fails scenarios that never did. */
  responseChecked = true;
  readonly seen: ApiResponse[] = [];
  /** Store counts noted before a request that must change nothing. */
  noted: { keys: number; backups: number } | undefined;
  /** A plaintext the scenario backed up, to prove it is kept nowhere. */
  secretPlaintext: string | undefined;
  /** Backups the scenario stored, by alias. */
  backups = new Map<string, StoredBackup>();
  /** How many 5xx answers the scenario provoked on purpose (the internal_error fault switch). */
  serverErrorsExpected = 0;
  /** Every way an answer departed from the published contract; the After hook fails the scenario on any. */
  readonly contractDepartures: string[] = [];
  /** Set when the scenario's mock was started with --validation-errors object, which departs on purpose. */
  objectValidationErrors = false;

  /** How many requests' evidence this scenario's report shows so far. */
  private attached = 0;
  /** When the scenario began: the journal's entries since then are its own (scenarios run one at a time). */
  private readonly startedAt = new Date().toISOString();

  constructor(options: IWorldOptions) {
    super(options);
  }

  async send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: SendOptions = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...this.extraHeaders, ...options.headers };
    const auth = options.auth === undefined ? this.token : options.auth;
    if (auth !== null) headers.authorization ??= `Bearer ${auth}`;
    let body: string | Buffer | FormData | undefined = options.rawBody;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    if (options.form) body = options.form;
    const answer = await request(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await answer.body.text();
    const flat = Object.fromEntries(
      Object.entries(answer.headers).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.join(', ') : String(v ?? ''),
      ]),
    );
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const response: ApiResponse = {
      status: answer.statusCode,
      headers: flat,
      body: parsed,
      text,
      requestId: flat['x-request-id'] ?? '',
      method,
      path,
      faults: (flat['x-mock-faults'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    const departure = contractDeparture(method, path, response.status, parsed);
    if (departure && !(this.objectValidationErrors && response.status === 400))
      this.contractDepartures.push(departure);
    this.response = response;
    this.responseChecked = false;
    this.seen.push(response);
    EXPOSED.push(JSON.stringify(response.headers), text);
    // The control plane's own calls are not journaled; everything else is shown in the report, inline under this step.
    if (!path.startsWith('/_mock') && response.requestId && this.attached < EVIDENCE_LIMIT)
      await this.attachEvidence(response.requestId);
    return response;
  }

  /** Attaches, as markdown in the report, a request's id and its journal entry. */
  private async attachEvidence(requestId: string): Promise<void> {
    this.attached++;
    try {
      for (let attempt = 0; ; attempt++) {
        const answer = await request(`${this.baseUrl}/_mock/requests/${requestId}`);
        const body = await answer.body.text();
        if (answer.statusCode === 200)
          return this.attach(...evidence(requestId, JSON.parse(body) as EntrySummary));
        // The entry is written as the response ends: one short wait covers a lookup that raced it.
        if (answer.statusCode !== 404 || attempt > 0)
          return this.attach(
            ...evidence(requestId, undefined, `the journal answered ${answer.statusCode}`),
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } catch (error) {
      this.attach(
        ...evidence(
          requestId,
          undefined,
          `the mock could not be asked: ${(error as Error).message}`,
        ),
      );
    }
  }

  /** For a scenario whose requests a client process sent (none through send()): the entries recorded while it ran. */
  async attachJournalSinceStart(): Promise<void> {
    if (this.attached > 0) return;
    try {
      const answer = await request(
        `${this.baseUrl}/_mock/requests?since=${encodeURIComponent(this.startedAt)}&limit=${EVIDENCE_LIMIT}`,
      );
      if (answer.statusCode !== 200) return void (await answer.body.dump());
      const { requests } = (await answer.body.json()) as { requests: EntrySummary[] };
      for (const entry of requests.reverse()) this.attach(...evidence(entry.id, entry));
    } catch {
      // The scenario's own mock has stopped: there is no journal left to show.
    }
  }

  /** The last response; marks it as looked at. */
  checked(): ApiResponse {
    if (!this.response) throw new Error('no request has been sent in this scenario');
    this.responseChecked = true;
    return this.response;
  }

  /** The id of a backup the scenario stored. */
  backup(alias = 'the backup'): string {
    const backup = this.backups.get(alias);
    if (!backup) throw new Error(`no backup called "${alias}" was stored in this scenario`);
    return backup.backupId;
  }

  /** Keeps, under `alias`, the key an assignment answered with. */
  rememberIssuedKey(alias: string, body: unknown, environment: string, keyType: string): void {
    const answer = body as {
      key_id: string;
      public_key: string;
      signature: string;
      signed_payload?: string;
      signed_fields?: string[];
    };
    this.keys.set(alias, {
      keyId: answer.key_id,
      publicKey: answer.public_key,
      signature: answer.signature,
      signedPayload: answer.signed_payload,
      signedFields: answer.signed_fields,
      environment: environment as IssuedKey['environment'],
      keyType: keyType as NonNullable<IssuedKey['keyType']>,
    });
  }

  key(alias = 'the key'): IssuedKey {
    const key = this.keys.get(alias);
    if (!key) throw new Error(`no key called "${alias}" was assigned in this scenario`);
    return key;
  }

  async journal(requestId: string): Promise<
    {
      status: number;
      faults: Array<{
        code: string;
        severity: string;
        message: string;
        details?: Record<string, unknown>;
        fix: Record<string, string>;
      }>;
    } & Record<string, unknown>
  > {
    const answer = await request(`${this.baseUrl}/_mock/requests/${requestId}`);
    if (answer.statusCode !== 200)
      throw new Error(`no journal entry for request ${requestId} (status ${answer.statusCode})`);
    return (await answer.body.json()) as never;
  }
}

export function newCustomer(): Customer {
  const id = randomUUID().slice(0, 8);
  return {
    userIdentifier: `user-${id}@example.test`,
    customerId: `org-${id}`,
    customerName: 'Acme Corp',
    packageId: `pkg-${id}`,
    packageName: 'Main Workspace',
  };
}

setWorldConstructor(CoinCoverWorld);

// Evidence for scenarios that sent nothing themselves (a client process did): send() attaches the rest.
After(async function (this: CoinCoverWorld) {
  await this.attachJournalSinceStart();
});

After(function (this: CoinCoverWorld, { result }) {
  if (result?.status !== 'PASSED') return;
  const crashed = this.seen.filter((r) => r.status >= 500)[this.serverErrorsExpected];
  if (crashed)
    throw new Error(
      `the mock answered ${crashed.status} (request ${crashed.requestId}): ${crashed.text.slice(0, 200)}`,
    );
  if (this.contractDepartures.length > 0) {
    throw new Error(
      `${this.contractDepartures.length} answer(s) departed from the published contract:\n${this.contractDepartures.slice(0, 5).join('\n')}`,
    );
  }
  if (!this.responseChecked) {
    throw new Error(
      `the last response (${this.response?.status}, request ${this.response?.requestId}) was never checked by a Then step`,
    );
  }
});
