/**
 * Fault forensics: vectors and deliberately broken clients against the mock, judged by the
 * x-mock-faults header and the journal.
 */
import assert from 'node:assert/strict';
import { After, Given, Then, When } from '@cucumber/cucumber';
import { request } from 'undici';
import { brokenClients, type BrokenClientName } from '../fixtures/clients/broken/index.ts';
import { tsxCommand } from '../fixtures/clients/commands.ts';
import { startMockProcess, type MockProcess } from '../mock-server/api/mockProcess.cts';
import { runClient, type ClientRun } from '../runner/clientProcess.ts';
import { journalMarker, journalSince, type JournalEntry } from '../runner/journalClient.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { assignKey } from './key_assignment_steps.ts';
import { contractEnv } from './support/clientRuns.ts';
import { newSeedPhrase } from './support/secrets.ts';
import { algNoneJwt, mintToken } from './support/tokens.ts';
import { byId, INDEPENDENT_VECTORS, REQUEST_VECTORS, vectorRequest } from './support/vectors.ts';
import type { CoinCoverWorld } from './support/world.ts';

// --- vectors ----------------------------------------------------------------------------------

When(
  'the client sends independent-client vector {int}',
  async function (this: CoinCoverWorld, id: number) {
    const v = byId(INDEPENDENT_VECTORS, id, 'independent-clients.json');
    await this.send('POST', '/v1/partner/secure/data', {
      json: { public_key: v.public_key, checksum: v.checksum, data: v.data },
    });
  },
);

Then(
  'the mock answers as independent-client vector {int} expects',
  async function (this: CoinCoverWorld, id: number) {
    const v = byId(INDEPENDENT_VECTORS, id, 'independent-clients.json');
    const response = this.checked();
    const entry = await this.journal(response.requestId);
    if (v.expected === 'valid') {
      assert.equal(
        response.status,
        200,
        `${v.client}: ${v.comment}: ${response.text.slice(0, 300)}`,
      );
      assert.deepEqual(response.faults, []);
      assert.deepEqual(entry.faults, []);
    } else {
      assert.ok(
        response.status === 400 || response.status === 404,
        `${v.comment}: status ${response.status}`,
      );
      assert.deepEqual(response.faults, [v.expected], `${v.client}: ${v.comment}`);
      assert.deepEqual(
        entry.faults.map((f) => f.code),
        [v.expected],
      );
    }
  },
);

When(
  'the client sends request-fault vector {int}',
  async function (this: CoinCoverWorld, id: number) {
    const vector = byId(REQUEST_VECTORS, id, 'request-faults.json');
    const text = JSON.stringify(vector.request);
    const values: Record<string, string> = {};
    if (text.includes('{{public_key}}')) {
      if (!this.keys.has('the key')) await assignKey(this, 'HOT');
      values.public_key = this.key().publicKey;
    }
    if (text.includes('{{signer_public_key}}')) {
      await assignKey(this, 'HOT', 'signer', { key_type: 'ed25519' });
      values.signer_public_key = this.key('signer').publicKey;
    }
    if (text.includes('{{expired_jwt}}'))
      values.expired_jwt = await mintToken(this.baseUrl, { expires_in: -60 });
    if (text.includes('{{alg_none_jwt}}')) values.alg_none_jwt = algNoneJwt();
    const { method, path, options } = vectorRequest(vector, values);
    await this.send(method, path, options);
  },
);

Then(
  'the mock answers as request-fault vector {int} expects',
  async function (this: CoinCoverWorld, id: number) {
    const vector = byId(REQUEST_VECTORS, id, 'request-faults.json');
    const response = this.checked();
    assert.equal(
      response.status,
      vector.expected.status,
      `vector ${id} (${vector.comment}): ${response.text.slice(0, 300)}`,
    );
    assert.deepEqual(
      response.faults,
      vector.expected.fault_codes,
      `vector ${id} (${vector.comment})`,
    );
    const entry = await this.journal(response.requestId);
    assert.deepEqual([...new Set(entry.faults.map((f) => f.code))], vector.expected.fault_codes);
  },
);

// --- broken clients ---------------------------------------------------------------------------

const clientRuns = new WeakMap<CoinCoverWorld, { run: ClientRun; entries: JournalEntry[] }>();

When(
  'the broken client {string} backs up a seed phrase and a file',
  { timeout: 90_000 },
  async function (this: CoinCoverWorld, code: string) {
    const entry = brokenClients[code as BrokenClientName];
    assert.ok(entry, `no broken client for ${code}`);
    const marker = await journalMarker(this.baseUrl);
    const run = await runClient(tsxCommand(entry), {
      env: contractEnv(this, 'HOT', newSeedPhrase()),
      timeoutMs: 60_000,
    });
    clientRuns.set(this, { run, entries: await journalSince(this.baseUrl, marker) });
  },
);

Then(
  "the mock names {string} on the client's requests, and nothing else",
  function (this: CoinCoverWorld, code: string) {
    const recorded = clientRuns.get(this);
    assert.ok(recorded, 'no client was run');
    const named = [...new Set(recorded.entries.flatMap((e) => e.faults.map((f) => f.code)))];
    assert.deepEqual(
      named,
      [code],
      `journal: ${JSON.stringify(recorded.entries.map((e) => [e.path, e.status, e.faults.map((f) => f.code)]))}; client stderr: ${recorded.run.stderrTail.slice(-300)}`,
    );
    assert.ok(!recorded.entries.some((e) => e.status >= 500), 'the mock answered 5xx');
  },
);

// --- opaque errors ----------------------------------------------------------------------------

const ownMocks = new WeakMap<CoinCoverWorld, MockProcess>();

Given(
  'a mock of its own started with {string}',
  async function (this: CoinCoverWorld, flags: string) {
    const mock = await startMockProcess([
      ...TEST_SEEDS.flatMap((file) => ['--seed', file]),
      ...flags.split(/\s+/).filter(Boolean),
    ]);
    ownMocks.set(this, mock);
    this.baseUrl = mock.url;
    this.objectValidationErrors = /--validation-errors[ =]object/.test(flags);
  },
);

After(async function (this: CoinCoverWorld) {
  await ownMocks.get(this)?.stop();
});

Then(
  'the last {int} answers have byte-identical bodies and name no fault',
  function (this: CoinCoverWorld, count: number) {
    this.checked();
    const last = this.seen.slice(-count);
    assert.equal(last.length, count);
    for (const response of last) {
      assert.equal(response.text, last[0]?.text);
      assert.equal(response.headers['x-mock-faults'], undefined);
    }
  },
);

Then(
  'the journal still names {string} for answer {int}',
  async function (this: CoinCoverWorld, code: string, index: number) {
    const response = this.seen[index - 1];
    assert.ok(response, `no answer ${index}`);
    const entry = await this.journal(response.requestId);
    assert.deepEqual(
      entry.faults.map((f) => f.code),
      [code],
    );
  },
);
