/**
 * What the client trusts in the JWK Set (reference §6, docs/client-contract.md flow step 2): it
 * fetches the set once more when no key verifies (rotation), uses only eligible keys, and never
 * follows a redirect. The runner serves the set itself (runner/jwksStandIn.ts) and records each
 * fetch; the assignment is signed by the mock's enclave key as usual.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import {
  INELIGIBLE_FLAWS,
  JWKS_PATH,
  MOVED_PATH,
  startJwksStandIn,
  type IneligibleFlaw,
  type StandInMode,
} from '../jwksStandIn.ts';
import { serverFindings } from './flow_steps.ts';
import type { ConformanceWorld } from './world.ts';

Given(
  "the JWKS publishes the signing key only after the client's first fetch",
  function (this: ConformanceWorld) {
    this.jwksMode = { kind: 'rotation' };
  },
);

Given(
  'the JWKS publishes the signing key with {string}',
  function (this: ConformanceWorld, flaw: string) {
    if (!(flaw in INELIGIBLE_FLAWS))
      throw new Error(
        `no JWKS flaw "${flaw}" (known: ${Object.keys(INELIGIBLE_FLAWS).join('; ')})`,
      );
    this.jwksMode = { kind: 'ineligible', flaw: flaw as IneligibleFlaw };
  },
);

Given(
  'the JWKS URL answers with a redirect to the signing keys',
  function (this: ConformanceWorld) {
    this.jwksMode = { kind: 'redirect' };
  },
);

When(
  'the client backs up its recovery material in a HOT key, with that JWKS',
  async function (this: ConformanceWorld) {
    const mode = this.jwksMode as StandInMode;
    const standIn = await startJwksStandIn(`${this.settings.mockUrl}${JWKS_PATH}`, mode);
    try {
      await this.runClient({
        ...this.contractEnv('HOT', { plaintext: true }),
        COINCOVER_JWKS_URL: standIn.url,
      });
    } finally {
      this.jwksFetches = standIn.fetches();
      await standIn.close();
    }
  },
);

const fetchesOf = (world: ConformanceWorld, path: string) =>
  world.jwksFetches.filter((p) => p === path).length;

Then(
  'the client fetched the JWKS again and stored its backup',
  async function (this: ConformanceWorld) {
    const stores = this.entries.filter((e) => e.path.includes('/secure/'));
    const fetches = fetchesOf(this, JWKS_PATH);
    if (stores.length === 0 && fetches < 2) {
      await this.fail([
        {
          code: 'jwks_not_refetched',
          message: `no key of the JWKS the client fetched first verifies the assignment; the client fetched the set ${fetches} time(s) and refused the key instead of fetching it once more`,
          evidence: { jwks_fetches: fetches, exit_code: this.run?.exitCode ?? null },
        },
      ]);
    }
    const findings = serverFindings(this);
    if (findings.length > 0) await this.fail(findings);
    await this.failUnlessCompleted(true);
    await this.observe(
      `JWKS fetched ${fetches} times; the second fetch held the signing key, and the backup was stored.`,
    );
  },
);

Then(
  'the client refuses the key signed by the ineligible JWKS key, and stores nothing',
  async function (this: ConformanceWorld) {
    const stores = this.entries.filter((e) => e.path.includes('/secure/'));
    const flaw = this.jwksMode?.kind === 'ineligible' ? this.jwksMode.flaw : '';
    if (stores.length > 0 || this.run?.exitCode === 0) {
      await this.fail([
        {
          code: 'jwks_key_ineligible',
          message: `the only JWKS key that verifies the assignment has ${flaw}, so no eligible key does; yet the client ${stores.length > 0 ? `sent ${stores.length} store request(s)` : 'exited 0'}`,
          evidence: { request_ids: stores.map((e) => e.id), flaw },
        },
      ]);
    }
    await this.failUnlessCompleted(false);
    await this.observe(
      `The signing key was published with ${flaw}; the client refused it (exit ${this.run?.exitCode}) and stored nothing.`,
    );
  },
);

Then(
  'the client does not follow the redirect, and stores nothing',
  async function (this: ConformanceWorld) {
    const stores = this.entries.filter((e) => e.path.includes('/secure/'));
    const followed = fetchesOf(this, MOVED_PATH);
    if (followed > 0 || stores.length > 0) {
      await this.fail([
        {
          code: 'jwks_redirect_followed',
          message: `the JWKS URL answered 302 to ${MOVED_PATH}; the client ${followed > 0 ? `fetched ${MOVED_PATH}` : 'did not'}${stores.length > 0 ? ` and sent ${stores.length} store request(s)` : ''}`,
          evidence: { request_ids: stores.map((e) => e.id), jwks_fetches: this.jwksFetches },
        },
      ]);
    }
    await this.failUnlessCompleted(false);
    if (this.run?.exitCode === 0)
      await this.clientFailed(
        'the client could not verify the assignment (the JWKS URL redirects) but exited 0',
      );
    await this.observe(
      `The JWKS URL answered 302; the client did not follow it (fetches: ${this.jwksFetches.join(', ')}) and stored nothing.`,
    );
  },
);
