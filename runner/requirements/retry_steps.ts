/**
 * The contract's retry rule (docs/client-contract.md, Retries) against three answers to a store:
 * the connection dropped after the mock stored it (the sandbox testing page's network failure),
 * a transient 503 that stored nothing, and a definite 401. Retries must reach a consistent end
 * state: the backup the client reports is stored, once; nothing is resent after a 4xx.
 */
import { Given, Then } from '@cucumber/cucumber';
import type { JournalEntry } from '../journalClient.ts';
import { keyOfRun, serverFindings } from './flow_steps.ts';
import type { ConformanceFinding, ConformanceWorld } from './world.ts';

Given(
  'the mock will drop the connection after storing the next backup',
  async function (this: ConformanceWorld) {
    await this.armFault('drop_after_store');
  },
);

Given(
  'the mock will answer the next store with a transient 503, storing nothing',
  async function (this: ConformanceWorld) {
    await this.armFault('unavailable_before_store');
  },
);

Given(
  'the mock will refuse the next store with a definite 401',
  async function (this: ConformanceWorld) {
    await this.armFault('unauthorized_before_store');
  },
);

const dataStores = (world: ConformanceWorld): JournalEntry[] =>
  world.entries.filter((e) => e.path.includes('/secure/data'));

/** The key was never used: the client refused it, which says nothing about its retries. */
async function failIfKeyRefused(world: ConformanceWorld): Promise<void> {
  const assigned = world.entries.find((e) => e.path.endsWith('/keys') && e.status === 200);
  if (assigned && dataStores(world).length === 0 && world.run?.exitCode !== 0)
    await world.failUnlessCompleted(true);
}

Then('the client retried to a consistent end state', async function (this: ConformanceWorld) {
  await failIfKeyRefused(this);
  // Resending the identical body after a drop is the right retry: the mock names it a replay, which is expected here.
  const findings = serverFindings(this, ['replayed_ciphertext']);
  if (findings.length > 0) await this.fail(findings);
  const key = await keyOfRun(this);
  const data = key?.backups.filter((b) => b.backup_type === 'data') ?? [];
  const distinct = new Set(data.map((b) => b.content_sha256));
  const reported = this.run?.result?.backup_id;
  const stores = dataStores(this);
  const evidence = {
    request_ids: stores.map((s) => s.id),
    statuses: stores.map((s) => s.status),
    backups: data.map((b) => b.backup_id),
  };
  const problem =
    data.length === 0
      ? `the backup was lost: after ${stores.length} store request(s) (${stores.map((s) => s.status || 'no answer').join(', ')}) nothing is stored under the key`
      : distinct.size > 1
        ? `${distinct.size} different ciphertexts of the same recovery material are stored (${data.map((b) => b.backup_id).join(', ')}): the retry encrypted afresh instead of resending the identical request`
        : this.run?.exitCode === 0 && reported === undefined
          ? `the mock holds backup ${data[0]?.backup_id}, but the client exited 0 without reporting a backup_id: nobody knows of that backup`
          : reported !== undefined && !data.some((b) => b.backup_id === reported)
            ? `the client reports backup ${JSON.stringify(reported)}, which is not stored (stored: ${data.map((b) => b.backup_id).join(', ')})`
            : null;
  if (problem) await this.fail([{ code: 'retry_inconsistent', message: problem, evidence }]);
  await this.failUnlessCompleted(true);
  await this.observe(
    `Store requests: ${stores.map((s) => `${s.status || 'dropped'} (${s.id})`).join(', ')}; one backup stored (${data[0]?.backup_id}) and reported.`,
  );
});

Then(
  'the client did not resend the refused store, and failed',
  async function (this: ConformanceWorld) {
    await failIfKeyRefused(this);
    const stores = this.entries.filter((e) => e.path.includes('/secure/'));
    const refused = stores.find((e) => e.status === 401);
    const findings: ConformanceFinding[] = [];
    if (refused) {
      const after = stores
        .slice(stores.indexOf(refused) + 1)
        .filter((e) => e.path === refused.path);
      if (after.length > 0)
        findings.push({
          code: 'resent_after_refusal',
          message: `${refused.path} was answered 401, and the client sent it ${after.length} more time(s)`,
          evidence: {
            request_ids: [refused.id, ...after.map((e) => e.id)],
            statuses: [refused.status, ...after.map((e) => e.status)],
          },
        });
    }
    if (findings.length === 0 && this.run?.exitCode === 0) {
      findings.push({
        code: 'client_failed',
        message: `${refused?.path ?? 'the store'} was refused with 401, yet the client exited 0: a refused store must fail the flow`,
        evidence: { request_ids: stores.map((e) => e.id), exit_code: 0 },
      });
    }
    if (findings.length > 0) await this.fail(findings);
    if (!refused) await this.failUnlessCompleted(true);
    await this.observe(
      `The store ${refused?.id} was answered 401 and not resent; the client exited ${this.run?.exitCode}.`,
    );
  },
);
