/**
 * Known-answer tests through the optional function-level contract (JSON lines on stdin and
 * stdout): hex to PEM, encryption, checksum, and the production endpoints. Answers are judged as
 * the service judges a store: standard base64 only, the checksum in lower-case hex as the
 * contract says. A client that answers `{"error":"not_implemented"}` is not checked; one that
 * crashes, exits non-zero or answers garbage fails with client_failed.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { rawRsaDecrypt, sha256Hex, spkiHex } from '../../mock-server/crypto/rsaKeys.ts';
import { decodeData } from '../../mock-server/diagnostics/decodeData.ts';
import { diagnoseEncodedMessage } from '../../mock-server/diagnostics/diagnoseCiphertext.ts';
import { keyForms } from '../../mock-server/diagnostics/keyForms.ts';
import { decodeOaep } from '../../mock-server/crypto/oaepDecoding.ts';
import type { KeyRecord } from '../../mock-server/store/records.ts';
import { judgePem, KNOWN_KEYS, VECTOR_KEY } from '../knownAnswers.ts';
import { RECOVERY_MATERIAL } from '../recoveryMaterial.ts';
import type { Answers, ConformanceWorld } from './world.ts';

/** The reserved answer of a client that does not implement functions mode (docs/client-contract.md). */
export const NOT_IMPLEMENTED = 'not_implemented';

const HOW_TO_IMPLEMENT =
  'implement COINCOVER_MODE=functions (docs/client-contract.md, "functions mode"): JSON lines on stdin, one answer each on stdout.';

/**
 * Runs the client in functions mode with one request per call. Ids alternate between numbers
 * and strings, and each answer must echo its id exactly. Resolves to the answers in call order,
 * or 'skipped' when the client says it does not implement the mode.
 */
export async function callFunctions(
  world: ConformanceWorld,
  calls: Array<Record<string, unknown>>,
  env: Record<string, string> = {},
): Promise<Answers | 'skipped'> {
  const ids = calls.map((_, i) => (i % 2 === 0 ? i + 1 : `kat-${i + 1}`));
  const input = calls.map((call, i) => JSON.stringify({ id: ids[i], ...call })).join('\n') + '\n';
  const run = await world.runClient({ ...env, COINCOVER_MODE: 'functions' }, input);
  await world.failUnlessCompleted(false);
  const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
  const parsed = lines.map((line) => {
    try {
      const value = JSON.parse(line) as unknown;
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  });
  if (
    run.exitCode === 0 &&
    parsed.length > 0 &&
    parsed.every((a) => a?.error === NOT_IMPLEMENTED)
  ) {
    return world.notChecked(
      'the client answered "not_implemented" in functions mode.',
      HOW_TO_IMPLEMENT,
    );
  }
  if (run.exitCode !== 0)
    await world.clientFailed(
      `in functions mode the client exited ${run.exitCode ?? `on signal ${run.signal}`} after ${parsed.length} of ${calls.length} answers`,
    );
  const garbage = lines.find((_, i) => parsed[i] === null);
  if (garbage !== undefined)
    await world.clientFailed(
      `in functions mode the client answered a line that is not a JSON object: ${JSON.stringify(garbage.slice(0, 80))}`,
    );
  const answers = parsed as Answers;
  return calls.map((call, i) => {
    const id = ids[i];
    return (
      answers.find((a) => a.id === id) ?? {
        id,
        missing: true,
        loose: answers.find((a) => String(a.id) === String(id))?.id,
        op: call.op,
      }
    );
  });
}

/** An answer that is missing, or an error where a result was due, fails the requirement. */
async function requireAnswer(
  world: ConformanceWorld,
  answer: Record<string, unknown>,
  field: string,
  op: string,
): Promise<unknown> {
  if (answer.missing) {
    const loose =
      answer.loose === undefined
        ? ''
        : `; an answer echoes it as ${JSON.stringify(answer.loose)}, which is not the id as given`;
    await world.fail([
      {
        code: 'result_line_invalid',
        message: `no answer to the ${op} request echoes its id ${JSON.stringify(answer.id)}${loose}`,
        evidence: { field: 'id', id: answer.id as string },
      },
    ]);
  }
  if (typeof answer.error === 'string')
    await world.clientFailed(
      `in functions mode the client answered the valid ${op} request ${JSON.stringify(answer.id)} with the error ${JSON.stringify(answer.error.slice(0, 200))}`,
    );
  if (typeof answer[field] !== 'string') {
    await world.fail([
      {
        code: 'result_line_invalid',
        message: `the answer to the ${op} request ${JSON.stringify(answer.id)} has no string "${field}" (got ${JSON.stringify(answer[field] ?? null)})`,
        evidence: { field, id: answer.id as string },
      },
    ]);
  }
  return answer[field];
}

/** The vector key as a key record, so the mock's own forensics can judge the client's ciphertext. */
function vectorKeyRecord(): KeyRecord {
  const privateKey = createPrivateKey(VECTOR_KEY.pkcs8Pem);
  return {
    keyId: 'known-answer-key',
    keyType: 'rsa4096',
    keyEnvironment: 'HOT',
    userIdentifier: 'kat',
    userId: randomUUID(),
    customerId: null,
    customerName: null,
    packageId: null,
    packageName: null,
    publicKeyHex: spkiHex(privateKey),
    privateKey,
    createdAt: new Date().toISOString(),
    pulledBy: null,
  };
}

When(
  'the client converts each known-answer key from hex to PEM',
  async function (this: ConformanceWorld) {
    const result = await callFunctions(
      this,
      KNOWN_KEYS.map((key) => ({ op: 'hex_to_pem', public_key: key.hex })),
    );
    if (result === 'skipped') return 'skipped';
    this.answers = result;
    return undefined;
  },
);

Then("every PEM holds exactly the key's DER bytes", async function (this: ConformanceWorld) {
  const got = this.answers;
  if (!got) return 'skipped';
  const pems: unknown[] = [];
  for (const [i, key] of KNOWN_KEYS.entries())
    pems.push(await requireAnswer(this, got[i] ?? {}, 'pem', `hex_to_pem of ${key.name}`));
  const wrong = KNOWN_KEYS.map((key, i) => ({ key, verdict: judgePem(key.hex, pems[i]) })).filter(
    ({ verdict }) => !verdict.ok,
  );
  if (wrong.length > 0) {
    await this.fail(
      wrong.map(({ key, verdict }) => ({
        code: 'pem_off_by_one' as const,
        message: `hex to PEM of ${key.name}: ${verdict.ok ? 'no difference' : verdict.reason}`,
        evidence: { key: key.name, byte_offset: verdict.ok ? null : verdict.byteOffset },
      })),
    );
  }
  await this.observe(
    `${KNOWN_KEYS.length} known-answer keys converted to PEMs holding exactly their DER bytes.`,
  );
  return undefined;
});

When(
  'the client encrypts the recovery material under a known key and checksums it',
  async function (this: ConformanceWorld) {
    const plaintext = RECOVERY_MATERIAL.toString('base64');
    const result = await callFunctions(this, [
      { op: 'encrypt', public_key: VECTOR_KEY.spkiHex, plaintext_base64: plaintext },
      { op: 'checksum', plaintext_base64: plaintext },
    ]);
    if (result === 'skipped') return 'skipped';
    this.answers = result;
    return undefined;
  },
);

Then(
  'the ciphertext decrypts with RSA-OAEP SHA-256 and MGF1-SHA-256 to the recovery material',
  async function (this: ConformanceWorld) {
    const got = this.answers;
    if (!got) return 'skipped';
    const data = String(await requireAnswer(this, got[0] ?? {}, 'data', 'encrypt'));
    const key = vectorKeyRecord();
    const checksum = sha256Hex(RECOVERY_MATERIAL);
    // The service's own rule for `data`: standard base64 with padding, of a modulus-long ciphertext.
    const decoded = decodeData(data, checksum, 512);
    if (!decoded.ok) {
      await this.fail(
        decoded.findings.map((f) => ({
          code: f.code,
          message: `the encrypt function's data: ${f.message}`,
          evidence: { ...f.details },
        })),
      );
      return undefined;
    }
    const em = rawRsaDecrypt(key.privateKey, decoded.ciphertext);
    if (!em) {
      await this.fail([
        {
          code: 'undecryptable',
          message:
            'the encrypt function returned 512 bytes that are not an RSA ciphertext under the key',
          evidence: { length: 512 },
        },
      ]);
      return undefined;
    }
    const plaintext = decodeOaep(keyForms(key).modulus, em, 'sha256', 'sha256');
    if (plaintext?.equals(RECOVERY_MATERIAL)) {
      await this.observe(
        'The ciphertext (standard base64, 512 bytes) decrypts with RSA-OAEP SHA-256/MGF1-SHA-256 to the recovery material.',
      );
      return undefined;
    }
    const diagnosed = diagnoseEncodedMessage(key, em, checksum);
    await this.fail([
      diagnosed
        ? { code: diagnosed.code, message: diagnosed.message, evidence: { ...diagnosed.details } }
        : {
            code: 'undecryptable',
            message:
              'the encrypt function returned 512 bytes that do not decrypt to the recovery material',
            evidence: { length: 512 },
          },
    ]);
    return undefined;
  },
);

Then('its checksum is the SHA-256 of the plaintext', async function (this: ConformanceWorld) {
  const got = this.answers;
  if (!got) return 'skipped';
  const checksum = String(await requireAnswer(this, got[1] ?? {}, 'checksum', 'checksum'));
  const expected = sha256Hex(RECOVERY_MATERIAL);
  if (checksum === expected) {
    await this.observe(
      `The checksum is the lower-case hex SHA-256 of the plaintext (${expected}).`,
    );
    return undefined;
  }
  if (checksum.toLowerCase() === expected) {
    await this.fail([
      {
        code: 'checksum_format',
        message: `the checksum function returned upper-case hex (${checksum.slice(0, 16)}…); the contract asks for lower-case hex`,
        evidence: { checksum },
      },
    ]);
  }
  await this.fail([
    {
      code: 'checksum_mismatch',
      message: `the checksum function returned ${JSON.stringify(checksum.slice(0, 80))}, not the SHA-256 of the plaintext`,
      evidence: { expected_sha256: expected },
    },
  ]);
  return undefined;
});
