/** Steps that judge what came back: status, error body, fault codes, the journal. */
import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import { MESSAGES } from '../mock-server/errors.ts';
import { FAULTS, isFaultCode } from '../mock-server/diagnostics/findings.ts';
import type { CoinCoverWorld } from './support/world.ts';

const codesOf = (list: string) =>
  list
    .split(',')
    .map((s) => s.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);

Then('the response status is {int}', function (this: CoinCoverWorld, status: number) {
  const response = this.checked();
  assert.equal(
    response.status,
    status,
    `expected ${status}, got ${response.status}: ${response.text.slice(0, 300)}`,
  );
});

Then('the request succeeds with no fault named', async function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.equal(
    response.status,
    200,
    `expected 200, got ${response.status}: ${response.text.slice(0, 300)}`,
  );
  assert.deepEqual(response.faults, []);
  assert.deepEqual((await this.journal(response.requestId)).faults, []);
});

Then(
  'the error is {string} with the message {string}',
  function (this: CoinCoverWorld, error: string, message: string) {
    assert.deepEqual(this.checked().body, { error, message });
  },
);

Then(
  'the error is {string} with the documented {word} message',
  function (this: CoinCoverWorld, error: string, name: string) {
    const message = MESSAGES[name as keyof typeof MESSAGES];
    assert.equal(typeof message, 'string', `no message template ${name}`);
    assert.deepEqual(this.checked().body, { error, message });
  },
);

/** The published message is a string; a validation error names each field in it: "checksum: must be…; padding_type: …". */
Then('the error body is field-keyed on {string}', function (this: CoinCoverWorld, field: string) {
  const body = this.checked().body as { error: string; message: unknown };
  assert.equal(body.error, 'Bad Request');
  assert.equal(typeof body.message, 'string', `message is not a string: ${JSON.stringify(body)}`);
  const named = (body.message as string)
    .split('; ')
    .some((part) => part.startsWith(`${field}: `) && part.length > field.length + 2);
  assert.ok(named, `the message names no problem of ${field}: ${JSON.stringify(body.message)}`);
});

/** --validation-errors object: the problems keyed by field, as the mock used to answer. */
Then(
  'the error body is an object of problems keyed on {string}',
  function (this: CoinCoverWorld, field: string) {
    const body = this.checked().body as { error: string; message: Record<string, string[]> };
    assert.equal(body.error, 'Bad Request');
    assert.equal(
      typeof body.message,
      'object',
      `message is not an object: ${JSON.stringify(body)}`,
    );
    assert.ok(
      Array.isArray(body.message[field]) && body.message[field].length > 0,
      `no error for ${field}: ${JSON.stringify(body.message)}`,
    );
  },
);

Then('the error body has the documented shape', function (this: CoinCoverWorld) {
  const body = this.checked().body as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
  assert.equal(typeof body.error, 'string');
  assert.equal(typeof body.message, 'string');
});

/** Exactly these codes, in the header and in the journal, each a catalogue code. */
Then('the mock names the fault(s) {string}', async function (this: CoinCoverWorld, list: string) {
  const response = this.checked();
  const expected = codesOf(list);
  for (const code of expected)
    assert.ok(isFaultCode(code), `${code} is not in the fault catalogue`);
  assert.deepEqual(
    response.faults,
    expected,
    `x-mock-faults was "${response.headers['x-mock-faults'] ?? ''}"; body ${response.text.slice(0, 300)}`,
  );
  const entry = await this.journal(response.requestId);
  assert.deepEqual([...new Set(entry.faults.map((f) => f.code))], expected);
  for (const f of entry.faults) {
    assert.equal(f.severity, FAULTS[f.code as keyof typeof FAULTS].severity);
    assert.ok(
      f.message.length > 0 && Object.keys(f.fix).length === 6,
      `finding ${f.code} lacks a message or a fix per language`,
    );
  }
});

Then(
  'the status is the catalogue status of {string}',
  function (this: CoinCoverWorld, code: string) {
    const response = this.checked();
    assert.ok(isFaultCode(code), `${code} is not in the fault catalogue`);
    assert.equal(response.status, FAULTS[code].status, response.text.slice(0, 300));
  },
);

Then(
  'the journal details of {string} include {string} = {string}',
  async function (this: CoinCoverWorld, code: string, field: string, value: string) {
    const entry = await this.journal(this.checked().requestId);
    const found = entry.faults.find((f) => f.code === code);
    assert.ok(found, `no ${code} finding in the journal`);
    assert.equal(String(found.details?.[field]), value, JSON.stringify(found.details));
  },
);

Then(
  'the journal records the request with status {int}',
  async function (this: CoinCoverWorld, status: number) {
    const response = this.checked();
    const entry = await this.journal(response.requestId);
    assert.equal(entry.status, status);
    assert.equal(entry.id, response.requestId);
  },
);
