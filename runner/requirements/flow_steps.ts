/**
 * The client under test doing the integration guide's flow, and what the mock saw of it: the
 * backup, the key's customer, the faults its requests committed.
 */
import { createHash } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { RECOVERY_MATERIAL, type ConformanceWorld, type ConformanceFinding } from './world.ts';

interface KeyView {
  key_id: string;
  key_environment: string;
  customer_id: string | null;
  package_id: string | null;
  backups: Array<{ backup_id: string; backup_type: string; checksum: string | null; content_sha256: string }>;
}

/** Every fault the mock named on the client's requests, as conformance findings. */
export function serverFindings(world: ConformanceWorld, ignore: readonly string[] = []): ConformanceFinding[] {
  const byCode = new Map<string, ConformanceFinding>();
  for (const entry of world.entries) {
    for (const fault of entry.faults) {
      if (ignore.includes(fault.code)) continue;
      const known = byCode.get(fault.code);
      if (known) (known.evidence.request_ids ??= []).push(entry.id);
      else byCode.set(fault.code, { code: fault.code, message: fault.message, evidence: { request_ids: [entry.id], path: entry.path, status: entry.status, ...fault.details }, fix: fault.fix });
    }
  }
  return [...byCode.values()];
}

export async function keyOfRun(world: ConformanceWorld): Promise<KeyView | undefined> {
  const keyId = world.run?.result?.key_id ?? world.entries.find((e) => e.path.endsWith('/keys') && e.status === 200)?.key_id;
  if (typeof keyId !== 'string') return undefined;
  const { status, body } = await world.control<KeyView>(`/keys/${encodeURIComponent(keyId)}`);
  return status === 200 ? body : undefined;
}

When('the client backs up its recovery material and a file in a {word} key', async function (this: ConformanceWorld, environment: string) {
  await this.runClient(this.contractEnv(environment, { plaintext: true, file: true }));
});

When('the client backs up its recovery material in a {word} key', async function (this: ConformanceWorld, environment: string) {
  await this.runClient(this.contractEnv(environment, { plaintext: true }));
});

Then('the mock named no fault in its requests', async function (this: ConformanceWorld) {
  const findings = serverFindings(this);
  if (findings.length > 0) await this.fail(findings);
  await this.failUnlessCompleted(true);
});

Then('it verified the key against the JWKS before storing', async function (this: ConformanceWorld) {
  const firstStore = this.entries.findIndex((e) => e.path.includes('/secure/'));
  const jwks = this.entries.findIndex((e) => e.path === '/.well-known/jwks.json');
  if (jwks < 0 || (firstStore >= 0 && jwks > firstStore)) {
    await this.fail([{ code: 'signature_not_verified', message: 'the client stored data without fetching the JWKS first, so it cannot have verified the enclave signature', evidence: { request_ids: this.entries.map((e) => e.id) } }]);
  }
});

Then('the backup decrypts to the recovery material, with its checksum', async function (this: ConformanceWorld) {
  const key = await keyOfRun(this);
  const reported = this.run?.result?.backup_id;
  const backup = key?.backups.find((b) => b.backup_id === reported && b.backup_type === 'data');
  const expected = createHash('sha256').update(RECOVERY_MATERIAL).digest('hex');
  // The mock stored it only after decrypting it and checking SHA-256 of the plaintext against this checksum.
  if (!backup || backup.checksum !== expected) {
    await this.fail([{ code: 'checksum_mismatch', message: `no data backup ${String(reported)} holding the recovery material was found under the client's key`, evidence: { backup_id: reported ?? null, backups: key?.backups.map((b) => b.backup_id) ?? [] } }]);
  }
});

Then('the file backup is stored under the same key', async function (this: ConformanceWorld) {
  const key = await keyOfRun(this);
  const reported = this.run?.result?.file_backup_id;
  if (!key?.backups.some((b) => b.backup_id === reported && b.backup_type === 'file')) {
    await this.fail([{ code: 'client_failed', message: `the reported file backup ${String(reported)} is not stored under the client's key`, evidence: { file_backup_id: reported ?? null } }]);
  }
});

Then('the key belongs to the customer and package, in the {word} environment', async function (this: ConformanceWorld, environment: string) {
  const key = await keyOfRun(this);
  const c = this.customer;
  if (!key || key.customer_id !== c.customerId || key.package_id !== c.packageId || key.key_environment !== environment) {
    await this.fail([{ code: 'request_invalid', message: `the key was assigned as ${JSON.stringify({ customer_id: key?.customer_id, package_id: key?.package_id, key_environment: key?.key_environment })}, not for customer ${c.customerId}, package ${c.packageId}, ${environment}`, evidence: { key_id: key?.key_id ?? null } }]);
  }
});
