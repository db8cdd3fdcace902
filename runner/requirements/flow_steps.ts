/**
 * The client under test doing the integration guide's flow, and what the mock saw of it: the
 * assignment it sent, the result line it printed, the backup, the faults its requests committed.
 */
import { createHash } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { EXACT_MATERIALS, type ExactMaterial } from '../recoveryMaterial.ts';
import type { ConformanceFinding, ConformanceWorld } from './world.ts';

export interface KeyView {
  key_id: string;
  key_environment: string;
  user_identifier: string;
  customer_id: string | null;
  package_id: string | null;
  backups: Array<{
    backup_id: string;
    backup_type: string;
    checksum: string | null;
    content_sha256: string;
  }>;
}

/** Every fault the mock named on the client's requests, as conformance findings. */
export function serverFindings(
  world: ConformanceWorld,
  ignore: readonly string[] = [],
): ConformanceFinding[] {
  const byCode = new Map<string, ConformanceFinding>();
  for (const entry of world.entries) {
    for (const fault of entry.faults) {
      if (ignore.includes(fault.code)) continue;
      const known = byCode.get(fault.code);
      if (known) (known.evidence.request_ids ??= []).push(entry.id);
      else
        byCode.set(fault.code, {
          code: fault.code,
          message: fault.message,
          evidence: {
            request_ids: [entry.id],
            path: entry.path,
            status: entry.status,
            ...fault.details,
          },
          fix: fault.fix,
        });
    }
  }
  return [...byCode.values()];
}

/** The key the mock assigned during the run (from the journal, not from what the client says). */
export const assignedEntry = (world: ConformanceWorld) =>
  world.entries.find((e) => e.path.endsWith('/keys') && e.status === 200);

export async function keyOfRun(world: ConformanceWorld): Promise<KeyView | undefined> {
  const keyId = assignedEntry(world)?.key_id;
  if (typeof keyId !== 'string') return undefined;
  const { status, body } = await world.control<KeyView>(`/keys/${encodeURIComponent(keyId)}`);
  return status === 200 ? body : undefined;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

When(
  'the client backs up its recovery material and a file in a {word} key',
  async function (this: ConformanceWorld, environment: string) {
    await this.runClient(this.contractEnv(environment, { plaintext: true, file: true }));
  },
);

When(
  'the client backs up its recovery material in a {word} key',
  async function (this: ConformanceWorld, environment: string) {
    await this.runClient(this.contractEnv(environment, { plaintext: true }));
  },
);

Given('recovery material {string}', function (this: ConformanceWorld, which: string) {
  const material = EXACT_MATERIALS[which as ExactMaterial];
  if (!material)
    throw new Error(
      `no recovery material "${which}" (known: ${Object.keys(EXACT_MATERIALS).join('; ')})`,
    );
  this.material = material;
});

Then('the mock named no fault in its requests', async function (this: ConformanceWorld) {
  const findings = serverFindings(this);
  if (findings.length > 0) await this.fail(findings);
  await this.failUnlessCompleted(true);
  await this.observe(`${this.entries.length} request(s), no fault named by the mock.`);
});

Then(
  'it verified the key against the JWKS before storing',
  async function (this: ConformanceWorld) {
    const firstStore = this.entries.findIndex((e) => e.path.includes('/secure/'));
    const jwks = this.entries.findIndex((e) => e.path === '/.well-known/jwks.json');
    if (jwks < 0 || (firstStore >= 0 && jwks > firstStore)) {
      await this.fail([
        {
          code: 'signature_not_verified',
          message:
            'the client stored data without fetching the JWKS first, so it cannot have verified the enclave signature',
          evidence: { request_ids: this.entries.map((e) => e.id) },
        },
      ]);
    }
    await this.observe(`JWKS fetched (request ${this.entries[jwks]?.id}) before the first store.`);
  },
);

/** Where the result line names something other than what the mock stored: the field, and what. */
Then(
  'its result line names the key and the backups it stored',
  async function (this: ConformanceWorld) {
    const result = this.run?.result ?? {};
    const key = await keyOfRun(this);
    const stored = (type: string) =>
      key?.backups.filter((b) => b.backup_type === type).map((b) => b.backup_id) ?? [];
    const problems: Array<{ field: string; problem: string }> = [];
    const say = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));
    if (result.key_id !== key?.key_id)
      problems.push({
        field: 'key_id',
        problem: `is ${say(result.key_id)}, but the key assigned in this run is ${key?.key_id ?? '(none)'}`,
      });
    const expectations: Array<[string, string, boolean]> = [
      ['backup_id', 'data', this.contractFiles.plaintext],
      ['file_backup_id', 'file', this.contractFiles.file],
    ];
    for (const [field, type, expected] of expectations) {
      if (!expected) continue;
      const value = result[field];
      const ofType = stored(type);
      const other = stored(type === 'data' ? 'file' : 'data');
      if (typeof value !== 'string')
        problems.push({
          field,
          problem: `is ${say(value)}; the ${type} backup stored under the key is ${ofType.join(', ') || '(none)'}`,
        });
      else if (!ofType.includes(value))
        problems.push({
          field,
          problem: other.includes(value)
            ? `is ${value}, the ${type === 'data' ? 'file' : 'data'} backup`
            : `is ${value}, which is not stored under the key (stored: ${[...ofType, ...other].join(', ') || 'nothing'})`,
        });
    }
    if (problems.length > 0) {
      await this.fail(
        problems.map(({ field, problem }) => ({
          code: 'result_line_invalid' as const,
          message: `the result line's ${field} ${problem}`,
          evidence: { field, key_id: key?.key_id ?? null },
        })),
      );
    }
    await this.observe(
      `Result line: key ${key?.key_id}${this.contractFiles.plaintext ? `, data backup ${String(result.backup_id)}` : ''}${this.contractFiles.file ? `, file backup ${String(result.file_backup_id)}` : ''}, as stored.`,
    );
  },
);

Then(
  'the backup decrypts to the recovery material, with its checksum',
  async function (this: ConformanceWorld) {
    const key = await keyOfRun(this);
    const reported = this.run?.result?.backup_id;
    const backup = key?.backups.find((b) => b.backup_id === reported && b.backup_type === 'data');
    const expected = sha256(this.material);
    // The mock stored it only after decrypting it and checking SHA-256 of the plaintext against its checksum:
    // a stored backup with another checksum holds other bytes than the ones given.
    if (!backup) {
      await this.fail([
        {
          code: 'result_line_invalid',
          message: `the result line's backup_id ${JSON.stringify(reported ?? null)} names no data backup under the client's key`,
          evidence: { field: 'backup_id', backups: key?.backups.map((b) => b.backup_id) ?? [] },
        },
      ]);
    } else if (backup.checksum?.toLowerCase() !== expected) {
      await this.fail([
        {
          code: 'recovery_material_altered',
          message: `backup ${backup.backup_id} decrypts to ${this.material.length === 0 ? 'other' : 'different'} bytes than the ${this.material.length}-byte file given (SHA-256 ${backup.checksum} stored, ${expected} given)`,
          evidence: {
            backup_id: backup.backup_id,
            stored_sha256: backup.checksum,
            given_sha256: expected,
            given_bytes: this.material.length,
          },
        },
      ]);
    }
    await this.observe(
      `Backup ${backup?.backup_id} decrypts (RSA-OAEP SHA-256/MGF1-SHA-256) to the ${this.material.length} bytes given: SHA-256 ${expected}.`,
    );
  },
);

Then('the file backup is stored under the same key', async function (this: ConformanceWorld) {
  const key = await keyOfRun(this);
  const reported = this.run?.result?.file_backup_id;
  if (!key?.backups.some((b) => b.backup_id === reported && b.backup_type === 'file')) {
    await this.fail([
      {
        code: 'result_line_invalid',
        message: `the result line's file_backup_id ${JSON.stringify(reported ?? null)} names no file backup under the client's key`,
        evidence: { field: 'file_backup_id' },
      },
    ]);
  }
  await this.observe(`File backup ${String(reported)} stored under key ${key?.key_id}.`);
});

Then(
  'the key belongs to the customer and package, in the {word} environment',
  async function (this: ConformanceWorld, environment: string) {
    const key = await keyOfRun(this);
    const c = this.customer;
    const given: Record<string, string> = {
      user_identifier: c.userIdentifier,
      key_environment: environment,
      'organisation.customer_id': c.customerId,
      'package.package_id': c.packageId,
    };
    const sent: Record<string, string | null | undefined> = {
      user_identifier: key?.user_identifier,
      key_environment: key?.key_environment,
      'organisation.customer_id': key?.customer_id,
      'package.package_id': key?.package_id,
    };
    const wrong = Object.keys(given).filter((field) => sent[field] !== given[field]);
    if (wrong.length > 0) {
      await this.fail(
        wrong.map((field) => ({
          code: 'assignment_mismatch' as const,
          message: `the assignment sent ${field} ${JSON.stringify(sent[field] ?? null)} where the runner gave ${JSON.stringify(given[field])}`,
          evidence: {
            request_ids: assignedEntry(this) ? [assignedEntry(this)!.id] : [],
            field,
            given: given[field],
            sent: sent[field] ?? null,
            key_id: key?.key_id ?? null,
          },
        })),
      );
    }
    await this.observe(
      `Key ${key?.key_id} assigned ${environment} to ${c.customerId} / ${c.packageId}, as given.`,
    );
  },
);
