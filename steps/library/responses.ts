/** Then steps on the last response: status, the documented error body and messages, fault codes, the schema. */
import assert from 'node:assert/strict';
import { FAULTS, isFaultCode } from '../../mock-server/diagnostics/findings.ts';
import { MESSAGES } from '../../mock-server/errors.ts';
import { routesAt } from '../../mock-server/routes/index.ts';
import { ErrorResponse } from '../../mock-server/routes/openApiDocument.ts';
import { defineStep } from '../support/defineStep.ts';

const codesOf = (list: string) =>
  list
    .split(',')
    .map((s) => s.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);

const MESSAGE_NAMES = Object.entries(MESSAGES)
  .filter(([, v]) => typeof v === 'string')
  .map(([k]) => k);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the response status is {int}',
    parameters: { int: 'the HTTP status' },
    example: 'Then the response status is 409',
    description: 'The last response has this status (the body is shown when it does not).',
  },
  function (status: number) {
    const response = this.checked();
    assert.equal(
      response.status,
      status,
      `the mock answered ${response.status}, not ${status}: ${response.text.slice(0, 300)}`,
    );
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the request succeeds with no fault named',
    example: 'Then the request succeeds with no fault named',
    description:
      'The last response is 200, with no x-mock-faults and no finding in its journal entry.',
  },
  async function () {
    const response = this.checked();
    assert.equal(
      response.status,
      200,
      `the mock answered ${response.status}, not 200: ${response.text.slice(0, 300)}`,
    );
    assert.deepEqual(response.faults, []);
    assert.deepEqual((await this.journal(response.requestId)).faults, []);
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the error is {string} with the message {string}',
    parameters: { string: 'the error field, then the message field' },
    example:
      'Then the error is "Conflict" with the message "Key already assigned for this user and organisation"',
    description: 'The body is exactly `{"error": …, "message": …}`.',
  },
  function (error: string, message: string) {
    assert.deepEqual(this.checked().body, { error, message });
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the error is {string} with the documented {word} message',
    parameters: {
      string: 'the error field',
      word: `the documented message, by name: ${MESSAGE_NAMES.join(', ')}`,
    },
    example: 'Then the error is "Forbidden" with the documented SCOPE_MISSING message',
    description:
      'The body is exactly `{"error": …, "message": …}` with the real service\'s wording.',
  },
  function (error: string, name: string) {
    const message = MESSAGES[name as keyof typeof MESSAGES];
    assert.equal(
      typeof message,
      'string',
      `no message template ${name}; known: ${MESSAGE_NAMES.join(', ')}`,
    );
    assert.deepEqual(this.checked().body, { error, message });
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the error body has the documented shape',
    example: 'Then the error body has the documented shape',
    description: 'The body is `{"error": string, "message": string}` and nothing else.',
  },
  function () {
    const body = this.checked().body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
    assert.equal(typeof body.error, 'string');
    assert.equal(typeof body.message, 'string');
  },
);

/** The published message is a string; a validation error names each field in it: "checksum: must be…; padding_type: …". */
defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the error body is field-keyed on {string}',
    parameters: { string: 'the field (e.g. checksum, organisation, keyId)' },
    example: 'Then the error body is field-keyed on "checksum"',
    description:
      'A 400 Bad Request whose message names a problem of that field ("checksum: must be…; padding_type: …").',
  },
  function (field: string) {
    const body = this.checked().body as { error: string; message: unknown };
    assert.equal(body.error, 'Bad Request');
    assert.equal(typeof body.message, 'string', `message is not a string: ${JSON.stringify(body)}`);
    const named = (body.message as string)
      .split('; ')
      .some((part) => part.startsWith(`${field}: `) && part.length > field.length + 2);
    assert.ok(named, `the message names no problem of ${field}: ${JSON.stringify(body.message)}`);
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the error body is an object of problems keyed on {string}',
    parameters: { string: 'the field' },
    example: 'Then the error body is an object of problems keyed on "checksum"',
    description:
      'For a mock started with --validation-errors object: message is `{field: [problems]}`.',
  },
  function (field: string) {
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

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the mock names the fault(s) {string}',
    parameters: { string: 'fault codes of the catalogue, comma-separated, in order' },
    example: 'Then the mock names the fault "oaep_mgf1_mismatch"',
    description:
      'Exactly these codes in x-mock-faults and in the journal entry, each finding with its catalogue severity, a message and a fix in every language.',
  },
  async function (list: string) {
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
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the response matches its documented schema',
    example: 'Then the response matches its documented schema',
    description:
      "A 200 body matches the operation's response schema; any other status is one the operation documents, with an ErrorResponse body.",
  },
  function () {
    const response = this.checked();
    const route = routesAt(response.path.split('?')[0] ?? '').find(
      (r) => r.method.toUpperCase() === response.method,
    );
    assert.ok(route, `no documented route for ${response.method} ${response.path}`);
    const schema = response.status === 200 ? route.response.schema : ErrorResponse;
    const parsed = schema.safeParse(response.body);
    assert.ok(
      parsed.success,
      `${response.status} body does not match its schema: ${parsed.error?.message}`,
    );
    if (response.status !== 200)
      assert.ok(
        route.errors.includes(response.status),
        `${response.status} is not documented for ${route.operationId}`,
      );
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the last {int} answers have byte-identical bodies and name no fault',
    parameters: { int: 'how many of the latest answers' },
    example: 'Then the last 3 answers have byte-identical bodies and name no fault',
    description: 'For a mock started with --opaque-errors: the answers cannot be told apart.',
  },
  function (count: number) {
    this.checked();
    const last = this.seen.slice(-count);
    assert.equal(last.length, count);
    for (const response of last) {
      assert.equal(response.text, last[0]?.text);
      assert.equal(response.headers['x-mock-faults'], undefined);
    }
  },
);

defineStep(
  {
    domain: 'responses',
    keyword: 'Then',
    text: 'the control plane answers {int} with a problem document',
    parameters: { int: 'the HTTP status' },
    example: 'Then the control plane answers 401 with a problem document',
    description:
      'A /_mock answer with this status, as application/problem+json with status and title.',
  },
  function (status: number) {
    const response = this.checked();
    assert.equal(response.status, status);
    assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
    const body = response.body as Record<string, unknown>;
    assert.equal(body.status, status);
    assert.equal(typeof body.title, 'string');
  },
);
