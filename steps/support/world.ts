/**
 * The typed World: everything one scenario carries from step to step. Steps stay in the user's
 * words; the mechanics (sending, the journal, names made unique, what to undo) live here.
 */
import { randomUUID } from 'node:crypto';
import { World, type IWorldOptions } from '@cucumber/cucumber';
import { FormData, request } from 'undici';
import type { MockProcess, MockStartError } from '../../mock-server/api/mockProcess.cts';
import type { SeedFile } from '../../mock-server/store/seedFormat.ts';
import type { ClientCommand, ClientRun } from '../../runner/clientProcess.ts';
import { ControlPlane, type JournalEntry } from './controlPlane.ts';
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

export type Environment = 'HOT' | 'COLD';
export type KeyType = 'rsa4096' | 'secp256k1' | 'ed25519';

export interface IssuedKey {
  keyId: string;
  publicKey: string;
  signature: string;
  signedPayload?: string;
  signedFields?: string[];
  environment: Environment;
  keyType: KeyType;
}

export interface StoredBackup {
  backupId: string;
  type: 'data' | 'file';
  /** The alias of the key it was stored under. */
  keyAlias: string;
}

/** Who the scenario's requests are about: the user, their organisation and package. */
export interface Customer {
  userIdentifier: string;
  customerId: string;
  customerName: string;
  packageId: string;
  packageName: string;
}

/** The last data backup the scenario sent, to send again or to compare the answer with. */
export interface SentBackup {
  plaintext: Buffer;
  body: Record<string, unknown>;
}

/** Where the scenario is: the step running now, for error messages that name it. */
export interface StepLocation {
  text: string;
  uri: string;
  line: number | undefined;
}

/** At most this many requests' journal entries are attached per scenario (a load scenario sends hundreds). */
const EVIDENCE_LIMIT = 20;

/**
 * The report's view of one request, as a markdown attachment titled with what it was and how it
 * was answered: its request id, then its journal entry.
 */
function evidence(
  requestId: string,
  entry: JournalEntry | undefined,
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

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** The API key every scenario sends unless it says otherwise (the mock's test partner key). */
export const DEFAULT_API_KEY = 'test-partner-key';

export class CoinCoverWorld extends World {
  /** Per scenario: appended to every name a feature gives, so scenarios never collide on a shared mock. */
  readonly nonce = randomUUID().slice(0, 8);
  /** The bearer token requests carry; null sends no Authorization header. */
  token: string | null = DEFAULT_API_KEY;
  /** Headers sent with every request of the scenario (for example a hand-written Authorization). */
  extraHeaders: Record<string, string> = {};
  /** The customer requests are about; a named actor step replaces it. */
  customer: Customer = this.actor();
  /** Keys by alias ("the key", "the ed25519 key", or a name the feature gave). */
  readonly keys = new Map<string, IssuedKey>();
  /** Backups by alias ("the backup", "the file", or a name the feature gave). */
  readonly backups = new Map<string, StoredBackup>();
  lastSent: SentBackup | undefined;
  response: ApiResponse | undefined;
  /** Set when a Then step has looked at the last response; the After hook fails scenarios that never did. */
  responseChecked = true;
  /** Off with the @unchecked-responses tag. */
  guardUncheckedResponses = true;
  readonly seen: ApiResponse[] = [];
  /** Store counts noted before a request that must change nothing. */
  noted: { keys: number; backups: number } | undefined;
  /** A plaintext the scenario backed up, to prove it is kept nowhere. */
  secretPlaintext: string | undefined;
  /** How many 5xx answers the scenario provoked on purpose (the internal_error fault switch). */
  serverErrorsExpected = 0;
  /** The mocks (base URLs) the scenario armed fault switches on; the After hook disarms them. */
  readonly armedFaultsOn = new Set<string>();
  /** Every way an answer departed from the published contract; the After hook fails the scenario on any. */
  readonly contractDepartures: string[] = [];
  /** Set when the scenario's mock was started with --validation-errors object, which departs on purpose. */
  objectValidationErrors = false;
  /** The last snapshot taken (GET /_mock/snapshot). */
  snapshot: SeedFile | undefined;
  /** Mocks the scenario started itself (killed after it), and the one it talks to now. */
  readonly ownMocks: MockProcess[] = [];
  currentMock: MockProcess | undefined;
  /** The arguments the current own mock was started with, to start it again. */
  ownMockArgs: string[] = [];
  /** Why the last start of an own mock failed, when it was expected to. */
  startError: MockStartError | undefined;
  /** The scenario's data directory and seed file, when it made them. */
  dataDir: string | undefined;
  seedFile: string | undefined;
  /** Files and directories the scenario wrote; the After hook removes them. */
  readonly written: string[] = [];
  /** The integration under test: COINCOVER_TEST_CLIENT unless a step names another. */
  integration: ClientCommand | undefined;
  /** The integration's last run, and the journal entries of its requests. */
  integrationRun: { run: ClientRun; entries: JournalEntry[] } | undefined;
  /** The step running now (a BeforeStep hook keeps it). */
  step: StepLocation | undefined;

  private mockUrl: string | undefined;
  /** How many requests' evidence this scenario's report shows so far. */
  private attached = 0;
  /** When the scenario began: the journal's entries since then are its own (scenarios run one at a time). */
  private readonly startedAt = new Date().toISOString();

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** The mock this scenario talks to; asked for only when a step needs it (a dry run needs none). */
  get baseUrl(): string {
    return this.mockUrl ?? mockUrl();
  }

  set baseUrl(url: string) {
    this.mockUrl = url;
  }

  get control(): ControlPlane {
    return new ControlPlane(this.baseUrl);
  }

  /** A name of the feature's, made unique to this scenario. */
  unique(name: string): string {
    const at = name.lastIndexOf('@');
    return at > 0 ? `${name.slice(0, at)}+${this.nonce}${name.slice(at)}` : `${name}-${this.nonce}`;
  }

  /** The customer of a named user and organisation (each made unique), or a fresh one. */
  actor(user?: string, organisation?: string, pkg?: string): Customer {
    const id = randomUUID().slice(0, 8);
    return {
      userIdentifier: user ? this.unique(user) : `user-${id}@example.test`,
      customerId: organisation ? this.unique(organisation) : `org-${id}`,
      customerName: 'Acme Corp',
      packageId: pkg ? this.unique(pkg) : `pkg-${id}`,
      packageName: 'Main Workspace',
    };
  }

  /** " (step "…", features/x.feature:12)": where the scenario is, for errors about its own words. */
  where(): string {
    const step = this.step;
    if (!step) return '';
    return ` (step "${step.text}", ${step.uri}${step.line === undefined ? '' : `:${step.line}`})`;
  }

  async send(method: Method, path: string, options: SendOptions = {}): Promise<ApiResponse> {
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
        const entry = await this.control.entry(requestId);
        if (entry) return this.attach(...evidence(requestId, entry));
        // The entry is written as the response ends: one short wait covers a lookup that raced it.
        if (attempt > 0)
          return this.attach(...evidence(requestId, undefined, 'the journal answered 404'));
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
      const entries = await this.control.journal({ since: this.startedAt, limit: EVIDENCE_LIMIT });
      for (const entry of entries.reverse()) this.attach(...evidence(entry.id, entry));
    } catch {
      // The scenario's own mock has stopped, or wants a control token: there is no journal to show.
    }
  }

  /** The last response; marks it as looked at. */
  checked(): ApiResponse {
    if (!this.response) throw new Error(`no request has been sent in this scenario${this.where()}`);
    this.responseChecked = true;
    return this.response;
  }

  key(alias = 'the key'): IssuedKey {
    const key = this.keys.get(alias);
    if (!key)
      throw new Error(
        `no key called "${alias}" was assigned in this scenario before this step${this.where()}; known: ${[...this.keys.keys()].map((k) => `"${k}"`).join(', ') || 'none'}`,
      );
    return key;
  }

  /** The backup a scenario stored under `alias`. */
  backup(alias = 'the backup'): StoredBackup {
    const backup = this.backups.get(alias);
    if (!backup)
      throw new Error(
        `no backup called "${alias}" was stored in this scenario before this step${this.where()}; known: ${[...this.backups.keys()].map((k) => `"${k}"`).join(', ') || 'none'}`,
      );
    return backup;
  }

  /** Keeps, under `alias` and "the <type> key", the key an assignment answered with. */
  rememberIssuedKey(
    alias: string,
    body: unknown,
    environment: Environment,
    keyType: KeyType,
  ): IssuedKey {
    const answer = body as {
      key_id: string;
      public_key: string;
      signature: string;
      signed_payload?: string;
      signed_fields?: string[];
    };
    const key: IssuedKey = {
      keyId: answer.key_id,
      publicKey: answer.public_key,
      signature: answer.signature,
      signedPayload: answer.signed_payload,
      signedFields: answer.signed_fields,
      environment,
      keyType,
    };
    this.keys.set(alias, key);
    this.keys.set(`the ${keyType} key`, key);
    return key;
  }

  /** The journal entry of one request; fails the step when there is none. */
  async journal(requestId: string): Promise<JournalEntry> {
    const entry = await this.control.entry(requestId);
    if (!entry) throw new Error(`no journal entry for request ${requestId}`);
    return entry;
  }
}
