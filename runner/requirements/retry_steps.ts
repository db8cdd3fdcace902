/**
 * Network failure mid-flight (the sandbox testing page): the mock stores the backup, then drops
 * the connection before answering. Retries must reach a consistent end state: the backup the
 * client reports is stored, and no second, different backup of the same material.
 */
import { Given, Then } from '@cucumber/cucumber';
import { keyOfRun, serverFindings } from './flow_steps.ts';
import type { ConformanceWorld } from './world.ts';

Given('the mock will drop the connection after storing the next backup', async function (this: ConformanceWorld) {
  const { status } = await this.control('/faults', { method: 'POST', json: { fault: 'drop_after_store', times: 1 } });
  if (status !== 200) throw new Error(`arming drop_after_store failed with ${status}`);
});

Then('the client retried to a consistent end state', async function (this: ConformanceWorld) {
  // Resending the identical body after a drop is the right retry: the mock names it a replay, which is expected here.
  const findings = serverFindings(this, ['replayed_ciphertext']);
  if (findings.length > 0) await this.fail(findings);
  const key = await keyOfRun(this);
  const data = key?.backups.filter((b) => b.backup_type === 'data') ?? [];
  const distinct = new Set(data.map((b) => b.content_sha256));
  const reported = this.run?.result?.backup_id;
  const stores = this.entries.filter((e) => e.path.includes('/secure/data')).map((e) => ({ id: e.id, status: e.status }));
  const problem =
    data.length === 0
      ? 'the backup was lost: nothing is stored under the key'
      : distinct.size > 1
        ? `${distinct.size} different ciphertexts of the same recovery material are stored (${data.map((b) => b.backup_id).join(', ')}): the retry encrypted afresh instead of resending the request`
        : reported !== undefined && !data.some((b) => b.backup_id === reported)
          ? `the client reports backup ${String(reported)}, which is not stored`
          : null;
  if (problem) {
    await this.fail([{ code: 'retry_inconsistent', message: problem, evidence: { request_ids: stores.map((s) => s.id), statuses: stores.map((s) => s.status), backups: data.map((b) => b.backup_id) } }]);
  }
  await this.failUnlessCompleted(true);
});
