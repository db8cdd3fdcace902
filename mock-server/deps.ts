/**
 * The app's collaborators, built once by createApp. Only the HTTP edge sees them: it hands each
 * domain operation its few (http/domainDeps.ts).
 */
import type { Authenticator } from './http/authenticate.ts';
import type { TestIssuer } from './auth/testIssuer.ts';
import type { Config } from './config.ts';
import type { FaultSwitches } from './control/faultSwitches.ts';
import type { EnclaveSigner } from './crypto/enclaveSigner.ts';
import type { KeyPool } from './crypto/keyPool.ts';
import type { RsaWorkerPool } from './crypto/rsaWorkerPool.ts';
import type { Journal } from './diagnostics/journal.ts';
import type { ResetFence } from './http/resetFence.ts';
import type { UploadSlots } from './http/uploadSlots.ts';
import type { AssignmentsInFlight } from './keys/assignmentsInFlight.ts';
import type { Store } from './store/store.ts';

export interface AppDeps {
  config: Config;
  store: Store;
  pool: KeyPool;
  /** Private-key operations, off the HTTP event loop. */
  rsa: RsaWorkerPool;
  signer: EnclaveSigner;
  journal: Journal;
  issuer: TestIssuer;
  authenticator: Authenticator;
  switches: FaultSwitches;
  /** Partner assignments in flight, so the 409 check sees them. */
  assignments: AssignmentsInFlight;
  /** Holds a reset back until the /v1 handlers in flight are done, and them back while it runs. */
  fence: ResetFence;
  /** Multipart bodies read at once. */
  uploads: UploadSlots;
}
