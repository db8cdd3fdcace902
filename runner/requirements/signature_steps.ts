/** The enclave signature: the client must refuse a key whose signature does not verify. */
import { Given, Then } from '@cucumber/cucumber';
import type { SignatureFault } from '../../mock-server/control/faultSwitches.ts';
import { serverFindings } from './flow_steps.ts';
import type { ConformanceWorld } from './world.ts';

const SWITCHES: Record<string, SignatureFault> = {
  'a forged signature': 'forged_signature',
  "a signature by the other environment's enclave key": 'other_environment_signature',
  'a signature over a different key': 'signature_over_other_key',
};

Given(
  'the mock will return the next key with {string}',
  async function (this: ConformanceWorld, what: string) {
    const fault = SWITCHES[what];
    if (!fault)
      throw new Error(`no signature fault "${what}" (known: ${Object.keys(SWITCHES).join('; ')})`);
    await this.armFault(fault);
  },
);

Then('the client refuses the key and stores nothing', async function (this: ConformanceWorld) {
  const stores = this.entries.filter((e) => e.path.includes('/secure/'));
  if (stores.length > 0) {
    await this.fail([
      {
        code: 'signature_not_verified',
        message: `the enclave signature of the assigned key does not verify, yet the client sent ${stores.length} store request(s) under it`,
        evidence: {
          request_ids: stores.map((e) => e.id),
          stored: stores.filter((e) => e.status === 200).length,
        },
      },
      ...serverFindings(this),
    ]);
  }
  const run = this.run;
  if (run && run.exitCode === 0) {
    await this.fail([
      {
        code: 'signature_not_verified',
        message: 'the client stored nothing but exited 0: a refused key must fail the flow',
        evidence: { exit_code: 0 },
      },
    ]);
  }
  if (run?.timedOut || run?.spawnError) await this.failUnlessCompleted(false);
  await this.observe(
    `The client refused the key (exit ${run?.exitCode}) and sent no store request.`,
  );
});
