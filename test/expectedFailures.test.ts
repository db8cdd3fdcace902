import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ExpectedFailuresError,
  isFullyAllowed,
  loadExpectedFailures,
  matchExpected,
  ONE_OF_REQUIREMENT_OR_SCENARIO,
  parseExpectedFailures,
  type ExpectedFailure,
} from '../runner/expectedFailures.ts';

const EXAMPLE = 'fixtures/configs/expected-failures.example.yaml';
const OTHER_ENVIRONMENT = "The client refuses a key signed by another environment's enclave key";

/** Asserts the exact ExpectedFailuresError, file:line included. */
function assertEntryError(text: string, line: number, reason: string) {
  assert.throws(
    () => parseExpectedFailures('ci/expected-failures.yaml', text),
    (error: unknown) => {
      assert.ok(error instanceof ExpectedFailuresError);
      assert.equal(error.file, 'ci/expected-failures.yaml');
      assert.equal(error.line, line);
      assert.equal(error.message, `ci/expected-failures.yaml:${line}: ${reason}`);
      return true;
    },
  );
}

describe('parseExpectedFailures', () => {
  it('reads the example file with the line of each entry', () => {
    assert.deepEqual(loadExpectedFailures(EXAMPLE), [
      {
        requirement: 'backup-hot',
        fault: 'oaep_mgf1_mismatch',
        reason: 'Java client fix scheduled for release 4.2',
        line: 3,
      },
      {
        scenario: OTHER_ENVIRONMENT,
        fault: 'signature_not_verified',
        reason: 'JWKS pinning lands with the key-rotation work (ticket PAY-1234)',
        line: 6,
      },
    ]);
  });
  it('treats an empty file, a comment-only file and [] as allowing nothing', () => {
    for (const text of ['', '# nothing yet\n', '[]\n', '~\n'])
      assert.deepEqual(parseExpectedFailures('x.yaml', text), [], JSON.stringify(text));
  });
  it('accepts JSON, which is YAML', () => {
    const text =
      '[\n  {"requirement": "backup-cold", "fault": "checksum_over_ciphertext", "reason": "fixed in 2.1"}\n]\n';
    assert.deepEqual(parseExpectedFailures('x.json', text), [
      {
        requirement: 'backup-cold',
        fault: 'checksum_over_ciphertext',
        reason: 'fixed in 2.1',
        line: 2,
      },
    ]);
  });
  it('refuses an entry with both or neither of requirement and scenario, at the entry', () => {
    assertEntryError(
      '- requirement: a\n  fault: wrong_key\n  reason: r\n- requirement: b\n  scenario: B\n  fault: wrong_key\n  reason: r\n',
      4,
      ONE_OF_REQUIREMENT_OR_SCENARIO,
    );
    assertEntryError(
      '- requirement: a\n  fault: wrong_key\n  reason: r\n\n- fault: wrong_key\n  reason: r\n',
      5,
      ONE_OF_REQUIREMENT_OR_SCENARIO,
    );
  });
  it('refuses a fault code that is not snake_case, at the field', () => {
    assertEntryError(
      '- requirement: a\n  fault: OAEP-mismatch\n  reason: r\n',
      2,
      '"fault" must be a snake_case fault code such as oaep_mgf1_mismatch, or not_checked',
    );
    assertEntryError('- requirement: a\n  reason: r\n  fault: 42\n', 3, '"fault" must be a string');
  });
  it('refuses an unknown key, at that key', () => {
    assertEntryError(
      '- requirement: a\n  fault: wrong_key\n  reason: r\n  ticket: PAY-1\n',
      4,
      'unknown key "ticket" (allowed: requirement, scenario, fault, reason)',
    );
  });
  it('refuses a missing or empty reason', () => {
    assertEntryError('- requirement: a\n  fault: wrong_key\n', 1, 'missing "reason"');
    assertEntryError(
      '- requirement: a\n  fault: wrong_key\n  reason:\n',
      3,
      '"reason" must not be empty',
    );
    assertEntryError(
      '- requirement: a\n  fault: wrong_key\n  reason: "  "\n',
      3,
      '"reason" must not be empty',
    );
  });
  it('refuses a requirement written as the tag', () => {
    assertEntryError(
      '- requirement: "@req-backup-hot"\n  fault: wrong_key\n  reason: r\n',
      1,
      '"requirement" is the tag without "@req-" (for @req-backup-hot write backup-hot)',
    );
  });
  it('refuses a file that is not a list of mappings, or not YAML', () => {
    assertEntryError(
      'requirement: a\nfault: wrong_key\n',
      1,
      'expected a list of entries (each starting with "- ")',
    );
    assertEntryError(
      '- requirement: a\n  fault: wrong_key\n  reason: r\n- just a string\n',
      4,
      'an entry must be a mapping with the keys requirement, scenario, fault, reason',
    );
    assertEntryError(
      '- requirement: a\n  fault: wrong_key\n  reason: r\n  reason: s\n',
      4,
      'invalid YAML: Map keys must be unique',
    );
  });
  it('reports an unreadable file at line 0 with the OS reason', () => {
    assert.throws(() => loadExpectedFailures('fixtures/configs/no-such-file.yaml'), {
      name: 'ExpectedFailuresError',
      message:
        'fixtures/configs/no-such-file.yaml:0: cannot read the file: ENOENT: no such file or directory',
    });
  });
});

describe('matchExpected and isFullyAllowed', () => {
  const list: ExpectedFailure[] = [
    { requirement: 'backup-hot', fault: 'oaep_mgf1_mismatch', reason: 'r1', line: 1 },
    { requirement: 'backup-hot', fault: 'checksum_over_ciphertext', reason: 'r2', line: 4 },
    { scenario: OTHER_ENVIRONMENT, fault: 'signature_not_verified', reason: 'r3', line: 7 },
  ];
  it('matches by requirement or by scenario name, and only on a listed fault', () => {
    assert.deepEqual(
      matchExpected(list, {
        requirement: 'backup-hot',
        scenario: 'Backing up a seed phrase',
        faults: ['oaep_mgf1_mismatch'],
      }).map((e) => e.line),
      [1],
    );
    assert.deepEqual(
      matchExpected(list, {
        requirement: 'key-signature',
        scenario: OTHER_ENVIRONMENT,
        faults: ['signature_not_verified'],
      }).map((e) => e.line),
      [7],
    );
    assert.deepEqual(
      matchExpected(list, {
        requirement: 'backup-cold',
        scenario: 'x',
        faults: ['oaep_mgf1_mismatch'],
      }),
      [],
    );
    assert.deepEqual(
      matchExpected(list, { requirement: 'backup-hot', scenario: 'x', faults: ['wrong_key'] }),
      [],
    );
  });
  it('allows a failure only when every fault it shows is allowed', () => {
    const hot = (faults: string[]) => ({ requirement: 'backup-hot', scenario: 'x', faults });
    assert.equal(isFullyAllowed(list, hot(['oaep_mgf1_mismatch'])), true);
    assert.equal(
      isFullyAllowed(list, hot(['oaep_mgf1_mismatch', 'checksum_over_ciphertext'])),
      true,
    );
    assert.equal(isFullyAllowed(list, hot(['oaep_mgf1_mismatch', 'wrong_key'])), false);
    assert.equal(
      isFullyAllowed(list, hot([])),
      false,
      'a failure without a fault code is never allowed',
    );
    assert.equal(isFullyAllowed([], hot(['oaep_mgf1_mismatch'])), false);
  });
});
