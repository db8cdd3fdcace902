/**
 * Request validation in its two readings: what the faithful reading accepts with a warning, the
 * strict one refuses with today's code; messages are strings that name each field; prototype
 * names are plain field names; the nearest documented name is suggested for an unknown field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_FINDINGS } from '../mock-server/diagnostics/findings.ts';
import { ApiError } from '../mock-server/errors.ts';
import { AssignKeyRequest, PartnerAssignKeyRequest } from '../mock-server/schemas/assignKey.ts';
import { nearestName } from '../mock-server/http/nearestName.ts';
import { validateRequest } from '../mock-server/http/validation.ts';
import { PartnerSecureDataRequest } from '../mock-server/schemas/secureData.ts';

const assign = {
  user_identifier: 'a@example.test',
  key_type: 'rsa4096',
  key_environment: 'HOT',
  organisation: { customer_id: 'c' },
  package: {},
};
const data = { public_key: 'ab'.repeat(20), checksum: 'cd'.repeat(32), data: 'AAAA' };

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return error;
  }
  assert.fail('the request was not refused');
}

describe('validateRequest', () => {
  it('accepts an unknown field with a field_unknown warning and the nearest name, and drops it from the value', () => {
    const { value, warnings } = validateRequest(
      PartnerSecureDataRequest,
      { ...data, checksum_sha256: 'x' },
      { strict: false },
    );
    assert.ok(!Object.hasOwn(value, 'checksum_sha256'));
    assert.deepEqual(
      warnings.list().map((f) => [f.code, f.severity, f.details]),
      [['field_unknown', 'warning', { field: 'checksum_sha256', suggestion: 'checksum' }]],
    );
  });

  it('refuses the same field under strict, as request_invalid with a string message naming it', () => {
    const error = refusal(() =>
      validateRequest(
        PartnerSecureDataRequest,
        { ...data, checksum_sha256: 'x' },
        { strict: true },
      ),
    );
    assert.equal(error.status, 400);
    assert.deepEqual(error.body(), {
      error: 'Bad Request',
      message: 'checksum_sha256: is not a recognised field (did you mean checksum?)',
    });
    assert.deepEqual(error.body('object'), {
      error: 'Bad Request',
      message: Object.assign(Object.create(null), {
        checksum_sha256: ['is not a recognised field (did you mean checksum?)'],
      }),
    });
    assert.deepEqual(error.findings.codes(), ['request_invalid']);
  });

  it('accepts a long user_identifier and a repeated sign_with name with warnings; strict refuses both', () => {
    const body = { ...assign, user_identifier: 'u'.repeat(300), sign_with: ['key_id', 'key_id'] };
    const { value, warnings } = validateRequest(PartnerAssignKeyRequest, body, { strict: false });
    assert.equal(value.user_identifier.length, 300);
    assert.deepEqual(warnings.codes(), ['field_length_unusual', 'sign_with_repeated']);
    const error = refusal(() => validateRequest(PartnerAssignKeyRequest, body, { strict: true }));
    assert.deepEqual(error.findings.codes(), ['request_invalid', 'sign_with_invalid']);
    assert.match(
      error.message,
      /^user_identifier: .*; sign_with: key_id is listed more than once$/,
    );
  });

  it('refuses in both readings what the documents forbid or no service could accept', () => {
    for (const strict of [false, true]) {
      const empty = refusal(() =>
        validateRequest(AssignKeyRequest, { user_identifier: '', key_type: 'ed25519' }, { strict }),
      );
      assert.match(empty.message, /^user_identifier: /);
      const bad = refusal(() =>
        validateRequest(
          PartnerSecureDataRequest,
          { ...data, checksum: 'nope', padding_type: 'PKCS1' },
          { strict },
        ),
      );
      assert.deepEqual(bad.findings.codes(), ['checksum_format', 'padding_type_unsupported']);
      assert.match(
        bad.message,
        /^checksum: must be 64 hex characters: the SHA-256 of the plaintext; padding_type: must be OAEP/,
      );
    }
  });

  it('treats constructor, __proto__, toString and hasOwnProperty as plain field names', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const body = JSON.parse(
        `{"${name}": 1, "user_identifier": "a", "key_type": "ed25519"}`,
      ) as unknown;
      const { warnings } = validateRequest(AssignKeyRequest, body, { strict: false });
      assert.deepEqual(
        warnings.list().map((f) => f.details?.field),
        [name],
      );
      const error = refusal(() =>
        validateRequest(AssignKeyRequest, JSON.parse(`{"${name}": 1}`), { strict: true }),
      );
      assert.equal(error.status, 400);
      assert.equal(typeof error.message, 'string');
    }
  });

  it('bounds the message whatever the number of fields', () => {
    const body = {
      user_identifier: 'a',
      key_type: 'ed25519',
      ...Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`.padEnd(500, 'x'), i])),
    };
    const error = refusal(() => validateRequest(AssignKeyRequest, body, { strict: true }));
    assert.ok(error.message.length < 4000, `${error.message.length} characters`);
    assert.match(error.message, /; and 4990 more fields$/);
    assert.ok(error.findings.list().length <= MAX_FINDINGS);
  });
});

describe('nearestName', () => {
  it('suggests the documented name a typo most likely meant, and nothing for a stranger', () => {
    const known = ['public_key', 'checksum', 'data', 'padding_type', 'metadata'];
    assert.equal(nearestName('checksum_sha256', known), 'checksum');
    assert.equal(nearestName('publc_key', known), 'public_key');
    assert.equal(nearestName('Padding_Type', known), 'padding_type');
    assert.equal(nearestName('colour', known), undefined);
    assert.equal(
      nearestName('key_enviroment', ['user_identifier', 'key_type', 'key_environment']),
      'key_environment',
    );
  });
});
