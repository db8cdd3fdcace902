/**
 * The few collaborators and plain rules each domain operation takes, cut from the app's AppDeps
 * and Config here at the edge, so that no domain module sees AppDeps, the config or the fault
 * switches.
 */
import type { AppDeps } from '../deps.ts';
import type { IssueDeps } from '../keys/issueKey.ts';
import type { StorageDeps } from '../storage/storageDeps.ts';

export const storageDeps = (deps: AppDeps): StorageDeps => ({
  store: deps.store,
  rsa: deps.rsa,
  rules: {
    strict: deps.config.strictRequests,
    constantWork: deps.config.opaqueErrors,
    wrongKeyCandidates: deps.config.wrongKeyCandidates,
  },
});

export const issueDeps = (deps: AppDeps): IssueDeps => ({
  store: deps.store,
  pool: deps.pool,
  signer: deps.signer,
  assignments: deps.assignments,
  strict: deps.config.strictRequests,
  takeSignatureFault: () => deps.switches.takeSignatureFault(),
});
