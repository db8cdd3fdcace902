/**
 * Known-answer tests through the optional function-level contract (JSON lines on stdin and
 * stdout): hex to PEM, encryption, checksum. A client that does not implement it is not checked.
 */
import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { rawRsaDecrypt, sha256Hex, spkiHex } from '../../mock-server/crypto/rsaKeys.ts';
import { diagnoseEncodedMessage } from '../../mock-server/diagnostics/diagnoseCiphertext.ts';
import { keyForms } from '../../mock-server/diagnostics/keyForms.ts';
import { decodeOaep } from '../../mock-server/diagnostics/oaepDecoding.ts';
import type { KeyRecord } from '../../mock-server/store/records.ts';
import { judgePem, KNOWN_KEYS, VECTOR_KEY } from '../knownAnswers.ts';
import { RECOVERY_MATERIAL, type ConformanceWorld } from './world.ts';

const answers = new WeakMap<ConformanceWorld, Map<number, Record<string, unknown>>>();

async function callFunctions(world: ConformanceWorld, calls: Array<Record<string, unknown>>): Promise<Map<number, Record<string, unknown>> | 'skipped'> {
  const input = calls.map((call, i) => JSON.stringify({ id: i + 1, ...call })).join('\n') + '\n';
  const run = await world.runClient({ COINCOVER_MODE: 'functions' }, input);
  const byId = new Map<number, Record<string, unknown>>();
  for (const line of run.stdout.split('\n')) {
    try {
      const answer = JSON.parse(line) as Record<string, unknown>;
      if (typeof answer.id === 'number') byId.set(answer.id, answer);
    } catch {
      // not an answer line
    }
  }
  if (byId.size === 0 && !run.timedOut && !run.spawnError) {
    await world.attach('The client does not implement the function-level contract (COINCOVER_MODE=functions): it answered no request.', 'text/plain');
    return 'skipped';
  }
  await world.failUnlessCompleted(false);
  return byId;
}

/** The vector key as a key record, so the mock's own forensics can judge the client's ciphertext. */
function vectorKeyRecord(): KeyRecord {
  const privateKey = createPrivateKey(VECTOR_KEY.pkcs8Pem);
  return { keyId: 'known-answer-key', keyType: 'rsa4096', keyEnvironment: 'HOT', userIdentifier: 'kat', userId: randomUUID(), customerId: null, customerName: null, packageId: null, packageName: null, publicKeyHex: spkiHex(privateKey), privateKey, createdAt: new Date().toISOString(), pulledBy: null };
}

When('the client converts each known-answer key from hex to PEM', async function (this: ConformanceWorld) {
  const result = await callFunctions(this, KNOWN_KEYS.map((key) => ({ op: 'hex_to_pem', public_key: key.hex })));
  if (result === 'skipped') return 'skipped';
  answers.set(this, result);
  return undefined;
});

Then('every PEM holds exactly the key\'s DER bytes', async function (this: ConformanceWorld) {
  const got = answers.get(this);
  if (!got) return 'skipped';
  const wrong = KNOWN_KEYS.map((key, i) => ({ key, verdict: judgePem(key.hex, got.get(i + 1)?.pem) })).filter(({ verdict }) => !verdict.ok);
  if (wrong.length > 0) {
    await this.fail(
      wrong.map(({ key, verdict }) => ({
        code: 'pem_off_by_one' as const,
        message: `hex to PEM of ${key.name}: ${verdict.ok ? '' : verdict.reason}`,
        evidence: { key: key.name, byte_offset: verdict.ok ? null : verdict.byteOffset },
      })),
    );
  }
  return undefined;
});

When('the client encrypts the recovery material under a known key and checksums it', async function (this: ConformanceWorld) {
  const plaintext = Buffer.from(RECOVERY_MATERIAL).toString('base64');
  const result = await callFunctions(this, [
    { op: 'encrypt', public_key: VECTOR_KEY.spkiHex, plaintext_base64: plaintext },
    { op: 'checksum', plaintext_base64: plaintext },
  ]);
  if (result === 'skipped') return 'skipped';
  answers.set(this, result);
  return undefined;
});

Then('the ciphertext decrypts with RSA-OAEP SHA-256 and MGF1-SHA-256 to the recovery material', async function (this: ConformanceWorld) {
  const data = answers.get(this)?.get(1)?.data;
  if (data === undefined) return 'skipped';
  const key = vectorKeyRecord();
  const ciphertext = Buffer.from(String(data), 'base64');
  const em = ciphertext.length === 512 ? rawRsaDecrypt(key.privateKey, ciphertext) : null;
  const plaintext = em && decodeOaep(keyForms(key).modulus, em, 'sha256', 'sha256');
  if (plaintext?.equals(Buffer.from(RECOVERY_MATERIAL))) return undefined;
  const checksum = sha256Hex(Buffer.from(RECOVERY_MATERIAL));
  const diagnosed = em ? diagnoseEncodedMessage(key, em, checksum) : null;
  await this.fail([
    diagnosed
      ? { code: diagnosed.code, message: diagnosed.message, evidence: { ...diagnosed.details } }
      : { code: ciphertext.length === 512 ? 'undecryptable' : 'ciphertext_length', message: `the encrypt function returned ${ciphertext.length} bytes that do not decrypt to the recovery material`, evidence: { length: ciphertext.length } },
  ]);
  return undefined;
});

Then('its checksum is the SHA-256 of the plaintext', async function (this: ConformanceWorld) {
  const checksum = answers.get(this)?.get(2)?.checksum;
  if (checksum === undefined) return 'skipped';
  const expected = createHash('sha256').update(RECOVERY_MATERIAL).digest('hex');
  if (String(checksum).toLowerCase() !== expected) {
    await this.fail([{ code: 'checksum_mismatch', message: `the checksum function returned ${String(checksum).slice(0, 80)}, not the SHA-256 of the plaintext`, evidence: {} }]);
  }
  return undefined;
});
