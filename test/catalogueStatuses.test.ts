/**
 * The catalogue decides: every error the mock answers is raised by the fault code that decides it,
 * and its status is that fault's catalogue status. Checked twice: for every code, the one way an
 * error is built (apiError) takes its status from the catalogue; and through HTTP, each code a
 * request can provoke cheaply is answered with its catalogue status and named in x-mock-faults.
 * Each request vector must expect its deciding fault's catalogue status too (its scenario checks
 * the answer), so a new fault with a vector needs nothing here.
 */
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { FAULT_CODES, FAULTS, type FaultCode } from '../mock-server/diagnostics/findings.ts';
import { apiError, internalError, serviceUnavailable } from '../mock-server/errors.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { JSON_LIMIT_BYTES } from '../mock-server/transport.ts';
import { REQUEST_VECTORS } from '../steps/support/vectors.ts';
import { listeningApp } from './support/listeningApp.ts';

/** The server's error codes: what decides a 4xx answer. */
const ERROR_CODES = FAULT_CODES.filter(
  (code) => FAULTS[code].detected_by === 'server' && (FAULTS[code].status ?? 0) >= 400,
);

/** The error code that decides an answer naming `codes`: the first error among them. */
const decidingCode = (codes: readonly string[]) =>
  codes.find((code) => (FAULTS[code as FaultCode]?.status ?? 0) >= 400) as FaultCode | undefined;

/** Codes provoked elsewhere, each with its reason; every other error code is provoked below or by a request vector. */
const PROVOKED_ELSEWHERE: Partial<Record<FaultCode, string>> = {
  oaep_mgf1_mismatch:
    'needs an OAEP encryption with a separate MGF1 hash, which node:crypto cannot make; its broken client runs in features/fault-forensics.feature',
  checksum_over_encoded_plaintext:
    'decided by the same verification failure as checksum_mismatch; its broken client runs in features/fault-forensics.feature',
};

describe('the catalogue decides the status', () => {
  it('every server error code builds an error with its catalogue status and reason phrase', () => {
    for (const code of ERROR_CODES) {
      const error = apiError(code, 'message');
      assert.equal(error.status, FAULTS[code].status, code);
      assert.equal(error.code, code);
    }
    assert.equal(apiError('route_not_found', 'm').body().error, 'Not Found');
    assert.equal(apiError('body_too_large', 'm').body().error, 'Payload Too Large');
  });

  it('every request vector expects the catalogue status of the fault that decides it (200 when only warnings are named)', () => {
    for (const vector of REQUEST_VECTORS) {
      const code = decidingCode(vector.expected.fault_codes);
      assert.equal(
        vector.expected.status,
        code ? FAULTS[code].status : 200,
        `vector ${vector.id} (${vector.comment}) names ${vector.expected.fault_codes.join(', ')}`,
      );
    }
  });

  it('a warning or a runner code cannot decide an error, and only the mock’s own failures have no code', () => {
    assert.throws(() => apiError('replayed_ciphertext', 'm'), /does not decide an error answer/);
    assert.throws(() => apiError('client_failed', 'm'), /does not decide an error answer/);
    assert.deepEqual(
      [internalError(), serviceUnavailable()].map((e) => [e.code, e.status]),
      [
        [null, 500],
        [null, 503],
      ],
    );
  });
});

describe('every answered status is its deciding fault’s catalogue status', () => {
  let base = '';
  listeningApp({ seedFiles: TEST_SEEDS, quiet: true }, (app) => {
    base = app.base;
  });

  const partner = { authorization: 'Bearer test-partner-key' };
  const json = { ...partner, 'content-type': 'application/json' };
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, init);
    await response.arrayBuffer();
    return { status: response.status, faults: response.headers.get('x-mock-faults') ?? '' };
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = json) =>
    send(path, { method: 'POST', headers, body: JSON.stringify(body) });

  let counter = 0;
  const assignment = (extra: Record<string, unknown> = {}) => ({
    user_identifier: `statuses-${(counter += 1)}@example.test`,
    key_type: 'rsa4096',
    key_environment: 'HOT',
    organisation: { customer_id: 'org-statuses', customer_name: 'Statuses' },
    package: { package_id: 'p', package_name: 'P' },
    ...extra,
  });
  const assign = async (extra: Record<string, unknown> = {}): Promise<string> => {
    const response = await fetch(`${base}/v1/partner/keys`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(assignment(extra)),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { public_key: string }).public_key;
  };
  const spki = (hex: string) =>
    createPublicKey({ key: Buffer.from(hex, 'hex'), format: 'der', type: 'spki' });
  const secret = Buffer.from('a seed phrase of twelve words', 'utf8');
  const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
  const oaep = (hex: string, options: { oaepHash?: string; oaepLabel?: Buffer } = {}) =>
    publicEncrypt(
      { key: spki(hex), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', ...options },
      secret,
    );
  const store = (publicKey: string, data: Buffer | string, checksum = sha256(secret)) =>
    post('/v1/partner/secure/data', {
      public_key: publicKey,
      checksum,
      data: typeof data === 'string' ? data : data.toString('base64'),
    });
  const upload = (publicKey: string, file: Buffer, type = 'application/octet-stream') => {
    const form = new FormData();
    form.set('public_key', publicKey);
    form.set('file', new Blob([new Uint8Array(file)], { type }), 'wallet.enc');
    return send('/v1/partner/secure/file', { method: 'POST', headers: partner, body: form });
  };

  const provocations: Record<
    string,
    (key: string, other: string) => Promise<{ status: number; faults: string }>
  > = {
    auth_missing: () =>
      post('/v1/partner/keys', assignment(), { 'content-type': 'application/json' }),
    auth_invalid: () =>
      post('/v1/partner/keys', assignment(), { ...json, authorization: 'Bearer nope' }),
    auth_expired: async () => {
      const minted = await fetch(`${base}/_mock/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expires_in: -60 }),
      });
      const { access_token } = (await minted.json()) as { access_token: string };
      return post('/v1/partner/keys', assignment(), {
        ...json,
        authorization: `Bearer ${access_token}`,
      });
    },
    scope_missing: () =>
      post('/v1/partner/keys', assignment(), {
        ...json,
        authorization: 'Bearer test-standard-key',
      }),
    duplicate_assignment: async () => {
      const body = assignment();
      await post('/v1/partner/keys', body);
      return post('/v1/partner/keys', body);
    },
    sign_with_invalid: () => post('/v1/partner/keys', assignment({ sign_with: ['public_key'] })),
    request_invalid: () => post('/v1/partner/keys', assignment({ key_type: 'rsa2048' })),
    request_malformed: () =>
      send('/v1/partner/keys', { method: 'POST', headers: json, body: '{"user_identifier":' }),
    content_type_unsupported: () =>
      post('/v1/partner/keys', assignment(), { ...partner, 'content-type': 'text/plain' }),
    body_too_large: () =>
      send('/v1/partner/secure/data', {
        method: 'POST',
        headers: json,
        body: `{"data":"${'A'.repeat(JSON_LIMIT_BYTES)}"}`,
      }),
    route_not_found: () => post('/v1/partner/key', {}),
    method_not_allowed: () => send('/v1/partner/keys', { headers: partner }),
    unknown_id: () =>
      send('/v1/keys/00000000-0000-4000-8000-000000000000/verify', { headers: partner }),
    checksum_format: (key) => store(key, oaep(key), 'not-a-checksum'),
    padding_type_unsupported: (key) =>
      post('/v1/partner/secure/data', {
        public_key: key,
        checksum: sha256(secret),
        data: oaep(key).toString('base64'),
        padding_type: 'PKCS1',
      }),
    unknown_public_key: () => store('ab'.repeat(275), randomBytes(512)),
    public_key_off_by_one: (key) => store(key.slice(0, -2), oaep(key)),
    public_key_format: (key) =>
      store(spki(key).export({ type: 'pkcs1', format: 'der' }).toString('hex'), oaep(key)),
    key_not_for_storage: async () => store(await assign({ key_type: 'ed25519' }), randomBytes(512)),
    data_encoding: (key) => store(key, oaep(key).toString('hex')),
    not_encrypted: (key) => store(key, secret),
    ciphertext_length: (key) => store(key, randomBytes(100)),
    undecryptable: (key) => store(key, randomBytes(512)),
    checksum_mismatch: (key) => store(key, oaep(key), sha256('something else')),
    checksum_over_ciphertext: (key) => {
      const ciphertext = oaep(key);
      return store(key, ciphertext, sha256(ciphertext));
    },
    oaep_hash_mismatch: (key) => store(key, oaep(key, { oaepHash: 'sha1' })),
    oaep_label: (key) => store(key, oaep(key, { oaepLabel: Buffer.from('label') })),
    pkcs1_v15_padding: (key) =>
      store(key, publicEncrypt({ key: spki(key), padding: constants.RSA_PKCS1_PADDING }, secret)),
    no_padding: (key) => {
      const block = Buffer.concat([Buffer.alloc(512 - secret.length), secret]);
      return store(
        key,
        publicEncrypt({ key: spki(key), padding: constants.RSA_NO_PADDING }, block),
      );
    },
    wrong_key: (key, other) => store(key, oaep(other)),
    file_content_type: (key) => upload(key, randomBytes(1024), 'application/zip'),
    file_too_large: (key) => upload(key, randomBytes(10 * 1024 * 1024 + 1)),
  };

  it('provokes every server error code here or by a request vector (features/fault-forensics.feature), or says where it is provoked', () => {
    const byVectors = new Set(REQUEST_VECTORS.map((v) => decidingCode(v.expected.fault_codes)));
    const unprovoked = ERROR_CODES.filter(
      (code) =>
        !Object.hasOwn(provocations, code) && !byVectors.has(code) && !PROVOKED_ELSEWHERE[code],
    );
    assert.deepEqual(unprovoked, []);
  });

  it('answers each provoked code with its catalogue status and names it first in x-mock-faults', async () => {
    const key = await assign();
    const other = await assign();
    for (const [code, provoke] of Object.entries(provocations)) {
      const answer = await provoke(key, other);
      assert.deepEqual(
        { status: answer.status, first: answer.faults.split(',')[0] },
        { status: FAULTS[code as FaultCode].status, first: code },
        `${code}: answered ${answer.status} naming ${answer.faults || 'nothing'}`,
      );
    }
  });
});
