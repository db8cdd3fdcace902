/** The mock's request journal, its store counts and its health: what it saw and what it holds. */
import assert from 'node:assert/strict';
import { DEFAULT_API_KEY } from '../support/world.ts';
import { defineStep } from '../support/defineStep.ts';

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the response carries a request id that the journal knows',
    example: 'Then the response carries a request id that the journal knows',
    description:
      'x-request-id is a UUID and GET /_mock/requests/{id} has its entry, with the same status.',
  },
  async function () {
    const response = this.checked();
    assert.match(response.requestId, /^[0-9a-f-]{36}$/);
    const entry = await this.journal(response.requestId);
    assert.equal(entry.status, response.status);
    assert.equal(typeof entry.method, 'string');
    assert.equal(typeof entry.path, 'string');
    assert.ok(Array.isArray(entry.faults));
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the journal entry shows {method} {string} answered {int} with no faults',
    parameters: { method: 'the method', string: 'the path', int: 'the status' },
    example: 'Then the journal entry shows POST "/v1/partner/keys" answered 200 with no faults',
    description: "The last response's journal entry, exactly.",
  },
  async function (method: string, path: string, status: number) {
    const entry = await this.journal(this.checked().requestId);
    assert.deepEqual(
      { method: entry.method, path: entry.path, status: entry.status, faults: entry.faults },
      { method, path, status, faults: [] },
    );
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the journal details of {string} include {string} = {string}',
    parameters: { string: 'the fault code, a detail field, its value (compared as text)' },
    example: 'Then the journal details of "oaep_mgf1_mismatch" include "mgf1_hash" = "SHA-1"',
    description: "The last response's journal entry has that finding, with that detail.",
  },
  async function (code: string, field: string, value: string) {
    const entry = await this.journal(this.checked().requestId);
    const found = entry.faults.find((f) => f.code === code);
    assert.ok(
      found,
      `no ${code} finding in the journal: ${entry.faults.map((f) => f.code).join(', ')}`,
    );
    assert.equal(String(found.details?.[field]), value, JSON.stringify(found.details));
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the journal still names {string} for answer {int}',
    parameters: { string: 'the fault code', int: 'which answer of the scenario, from 1' },
    example: 'Then the journal still names "pkcs1_v15_padding" for answer 2',
    description:
      'The journal entry of an earlier answer names exactly that fault (e.g. under --opaque-errors).',
  },
  async function (code: string, index: number) {
    const response = this.seen[index - 1];
    assert.ok(response, `no answer ${index}`);
    const entry = await this.journal(response.requestId);
    assert.deepEqual(
      entry.faults.map((f) => f.code),
      [code],
    );
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the journal holds no plaintext, token or private key',
    example: 'Then the journal holds no plaintext, token or private key',
    description:
      "The whole journal holds neither the API key, a PEM private key, nor the scenario's plaintext.",
  },
  async function () {
    this.checked();
    const journal = JSON.stringify(await this.control.journal());
    for (const secret of [DEFAULT_API_KEY, 'PRIVATE KEY', this.secretPlaintext ?? '\u0000never']) {
      assert.ok(
        !journal.includes(secret),
        `the journal contains ${JSON.stringify(secret.slice(0, 12))}…`,
      );
    }
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the journal still holds every request the scenario sent',
    example: 'Then the journal still holds every request the scenario sent',
    description:
      'Every /v1 request of the scenario has its journal entry (e.g. after a restart), with its method, path and status.',
  },
  async function () {
    const before = this.seen.filter((r) => r.path.startsWith('/v1/'));
    assert.ok(before.length > 0);
    for (const response of before) {
      const entry = await this.journal(response.requestId);
      assert.deepEqual(
        [entry.method, entry.path, entry.status],
        [response.method, response.path, response.status],
      );
    }
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Given',
    text: 'the store counts are noted',
    example: 'Given the store counts are noted',
    description: 'Keeps how many keys and backups the mock holds, for "nothing was stored".',
  },
  async function () {
    this.noted = (await this.control.health()).store;
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'nothing was stored',
    example: 'Then nothing was stored',
    description: 'The mock holds as many keys and backups as when the counts were noted.',
  },
  async function () {
    assert.ok(this.noted, `the store counts were not noted before this step${this.where()}`);
    assert.deepEqual((await this.control.health()).store, this.noted);
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the mock holds {int} key(s) and {int} backup(s)',
    parameters: { int: 'keys, then backups' },
    example: 'Then the mock holds 3 keys and 4 backups',
    description: "The mock's store counts (GET /_mock/health), exactly.",
  },
  async function (keys: number, backups: number) {
    assert.deepEqual((await this.control.health()).store, { keys, backups });
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'When',
    text: 'the mock is reset',
    example: 'When the mock is reset',
    description:
      'POST /_mock/reset: forgets keys, backups, the journal and armed faults, and applies the seed files again. On a shared mock, this affects every scenario after it.',
  },
  async function () {
    const answer = await this.control.reset();
    assert.equal(answer.reset, true);
  },
);

defineStep(
  {
    domain: 'journal',
    keyword: 'Then',
    text: 'the mock reports itself healthy',
    example: 'Then the mock reports itself healthy',
    description:
      'The last response (of GET /_mock/health) is 200 with status ok, the key pool and the store counts.',
  },
  function () {
    const response = this.checked();
    assert.equal(response.status, 200);
    const body = response.body as {
      status: string;
      pool: { seeded: number };
      store: { keys: number };
    };
    assert.equal(body.status, 'ok');
    assert.equal(typeof body.pool.seeded, 'number');
    assert.equal(typeof body.store.keys, 'number');
  },
);
