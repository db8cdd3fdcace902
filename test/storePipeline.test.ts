/**
 * The store and assignment pipelines as domain functions, without HTTP: typed input, a store, the
 * RSA pool (inline, no workers) and a Report in; an answer or an ApiError carrying findings out.
 * What reaches the wire (status, headers, journal) is the edge's, tested through HTTP elsewhere.
 */
import assert from 'node:assert/strict';
import { constants, createHash, publicEncrypt, randomBytes, randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { buildConfig } from '../mock-server/config.ts';
import { EnclaveSigner } from '../mock-server/crypto/enclaveSigner.ts';
import { RsaWorkerPool } from '../mock-server/crypto/rsaWorkerPool.ts';
import { generateSignerKey } from '../mock-server/crypto/signerKeys.ts';
import { newReport } from '../mock-server/diagnostics/report.ts';
import { ApiError, MESSAGES } from '../mock-server/errors.ts';
import { AssignmentsInFlight } from '../mock-server/keys/assignmentsInFlight.ts';
import { assignRequestOf } from '../mock-server/keys/assignRequest.ts';
import { issueKey, type IssueDeps } from '../mock-server/keys/issueKey.ts';
import { BACKUP_CHECK_MESSAGES } from '../mock-server/schemas/verify.ts';
import { checkKeyById } from '../mock-server/keys/checkKey.ts';
import { checkBackup, checkBackupById } from '../mock-server/storage/checkBackup.ts';
import type { StorageDeps } from '../mock-server/storage/storageDeps.ts';
import { storeSecureData } from '../mock-server/storage/storeSecureData.ts';
import { storeSecureFile } from '../mock-server/storage/storeSecureFile.ts';
import { MemoryStore } from '../mock-server/store/memoryStore.ts';
import { readSeedFile } from '../mock-server/store/seedFile.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { keyRecord } from './support/keyRecords.ts';

const [rsaKey] = readSeedFile(TEST_SEEDS[0] as string).pool;
assert.ok(rsaKey, 'the shipped test seeds hold a pool key');

const store = new MemoryStore();
const key = keyRecord(rsaKey, 'rsa4096');
const signerKey = keyRecord(generateSignerKey('ed25519'), 'ed25519');
store.insertKey(key);
store.insertKey(signerKey);
const rsa = new RsaWorkerPool(0);
const deps: StorageDeps = {
  store,
  rsa,
  rules: { strict: false, constantWork: false, wrongKeyCandidates: 3 },
};
after(() => rsa.close());

const secret = Buffer.from('abandon ability able about above absent absorb abstract', 'utf8');
const checksum = createHash('sha256').update(secret).digest('hex');
const encrypt = (oaepHash = 'sha256') =>
  publicEncrypt(
    { key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
    secret,
  ).toString('base64');
/** A validated secure/data body; `sum` null for one sent without a checksum. */
const body = (data: string, sum: string | null = checksum) => ({
  public_key: key.publicKeyHex,
  checksum: sum ?? undefined,
  data,
  padding_type: 'OAEP' as const,
});

/** The ApiError a call throws, for its code, status and findings. */
async function refusal(work: () => unknown): Promise<ApiError> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof ApiError, `not an ApiError: ${String(error)}`);
    return error;
  }
  assert.fail('the call did not throw');
}

describe('the store pipeline, without HTTP', () => {
  it('stores verified data: the answer, the backup in the store, the key and backup in the report', async () => {
    const report = newReport();
    const answer = await storeSecureData(deps, body(encrypt()), report);
    assert.equal(answer.backup_type, 'data');
    assert.equal(answer.checksum, checksum);
    assert.equal(answer.data_size, 512);
    assert.equal(answer.metadata.key_id, key.keyId);
    assert.equal(report.keyId, key.keyId);
    assert.equal(report.backupId, answer.backup_id);
    assert.deepEqual(report.findings.codes(), []);
    const backup = store.backupById(answer.backup_id);
    assert.equal(backup?.checksum, checksum);
    assert.deepEqual(await checkBackup(rsa, backup!, key), {
      is_backup_valid: true,
      message: BACKUP_CHECK_MESSAGES.VALID,
    });
  });

  it('stores data without a checksum (the standard endpoint), and the answer has none', async () => {
    const answer = await storeSecureData(deps, body(encrypt(), null), newReport());
    assert.equal('checksum' in answer, false);
  });

  it('names a replayed ciphertext in the report and still stores it', async () => {
    const data = encrypt();
    await storeSecureData(deps, body(data), newReport());
    const report = newReport();
    await storeSecureData(deps, body(data), report);
    assert.deepEqual(report.findings.codes(), ['replayed_ciphertext']);
  });

  it('refuses a checksum mismatch as a verification failure: decided by checksum_mismatch, the key reported, nothing stored', async () => {
    const before = store.counts().backups;
    const report = newReport();
    const error = await refusal(() =>
      storeSecureData(deps, body(encrypt(), randomBytes(32).toString('hex')), report),
    );
    assert.equal(error.code, 'checksum_mismatch');
    assert.equal(error.status, 400);
    assert.equal(error.verification, true);
    assert.deepEqual(error.findings.codes(), ['checksum_mismatch']);
    assert.equal(report.keyId, key.keyId);
    assert.equal(report.backupId, undefined);
    assert.equal(store.counts().backups, before);
  });

  it('refuses OAEP with SHA-1 as oaep_hash_mismatch, and data that is not base64 as data_encoding', async () => {
    const sha1 = await refusal(() => storeSecureData(deps, body(encrypt('sha1')), newReport()));
    assert.equal(sha1.code, 'oaep_hash_mismatch');
    const hex = await refusal(() => storeSecureData(deps, body('zz-not-base64!'), newReport()));
    assert.equal(hex.code, 'data_encoding');
    assert.equal(hex.verification, true);
  });

  it('refuses a public key it never issued (404 unknown_public_key) and a signer key (400 key_not_for_storage)', async () => {
    const unknown = await refusal(() =>
      storeSecureData(deps, { ...body(encrypt()), public_key: 'ab'.repeat(275) }, newReport()),
    );
    assert.deepEqual(
      [unknown.code, unknown.status, unknown.message],
      ['unknown_public_key', 404, MESSAGES.KEY_NOT_FOUND],
    );
    const signer = await refusal(() =>
      storeSecureData(
        deps,
        { ...body(encrypt()), public_key: signerKey.publicKeyHex },
        newReport(),
      ),
    );
    assert.deepEqual([signer.code, signer.status], ['key_not_for_storage', 400]);
  });

  it('stores a file, and refuses one without its part (request_invalid) or of the wrong type (file_content_type, 415)', () => {
    const file = {
      buffer: randomBytes(2048),
      size: 2048,
      mimetype: 'application/octet-stream',
      originalname: 'wallet.enc',
    };
    const report = newReport();
    const answer = storeSecureFile(deps, { public_key: key.publicKeyHex }, file, report);
    assert.equal(answer.backup_type, 'file');
    assert.equal(answer.metadata.original_filename, 'wallet.enc');
    assert.equal(report.backupId, answer.backup_id);
    assert.throws(
      () => storeSecureFile(deps, { public_key: key.publicKeyHex }, undefined, newReport()),
      (error: ApiError) => error.code === 'request_invalid' && error.status === 400,
    );
    assert.throws(
      () =>
        storeSecureFile(
          deps,
          { public_key: key.publicKeyHex },
          { ...file, mimetype: 'application/zip' },
          newReport(),
        ),
      (error: ApiError) => error.code === 'file_content_type' && error.status === 415,
    );
  });
});

describe('the checks, without HTTP', () => {
  it('check a key and a backup by id, and refuse an id that names nothing as unknown_id (404)', async () => {
    const report = newReport();
    assert.equal(checkKeyById(store, key.keyId, report).is_key_valid, true);
    assert.equal(report.keyId, key.keyId);
    assert.throws(
      () => checkKeyById(store, randomUUID(), newReport()),
      (error: ApiError) => error.code === 'unknown_id' && error.message === MESSAGES.KEY_NOT_FOUND,
    );
    const missing = await refusal(() => checkBackupById(deps, randomUUID(), newReport()));
    assert.deepEqual(
      [missing.code, missing.status, missing.message],
      ['unknown_id', 404, MESSAGES.BACKUP_NOT_FOUND],
    );
  });
});

describe('the assignment pipeline, without HTTP', () => {
  const config = buildConfig({ poolSize: 0, quiet: true });
  let faultsTaken = 0;
  const issue: IssueDeps = {
    store,
    pool: { take: async () => rsaKey },
    signer: new EnclaveSigner(config.enclaveKeyFiles, config.environment),
    assignments: new AssignmentsInFlight(),
    strict: false,
    takeSignatureFault: () => {
      faultsTaken += 1;
      return undefined;
    },
  };
  const request = (userIdentifier: string) =>
    assignRequestOf(
      {
        user_identifier: userIdentifier,
        key_type: 'ed25519',
        key_environment: 'COLD',
        organisation: { customer_id: 'org-pipeline' },
        package: {},
      },
      'COLD',
      true,
    );
  const pulledBy = { id: 'api-key-test', type: 'api_key' as const };

  it('issues a key: the answer, the key in the store and in the report, one signature fault taken', async () => {
    const report = newReport();
    const answer = await issueKey(issue, request('pipeline-user'), pulledBy, report);
    assert.equal(report.keyId, answer.key_id);
    assert.equal(store.keyById(answer.key_id)?.keyEnvironment, 'COLD');
    assert.equal(faultsTaken, 1);
  });

  it('refuses a second partner key for the same user as duplicate_assignment (409), taking no signature fault', async () => {
    const error = await refusal(() =>
      issueKey(issue, request('pipeline-user'), pulledBy, newReport()),
    );
    assert.deepEqual(
      [error.code, error.status, error.message],
      ['duplicate_assignment', 409, MESSAGES.KEY_ALREADY_ASSIGNED],
    );
    assert.equal(faultsTaken, 1);
  });
});
