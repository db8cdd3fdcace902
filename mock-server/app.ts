/**
 * createApp builds the express app without listening: the server, the tests, the runner and the
 * benchmark all start the same app. main.ts listens.
 */
import express from 'express';
import { Authenticator } from './http/authenticate.ts';
import { TestIssuer } from './auth/testIssuer.ts';
import type { Config } from './config.ts';
import { controlAuth } from './control/controlAuth.ts';
import { controlPlane } from './control/controlPlane.ts';
import { FaultSwitches } from './control/faultSwitches.ts';
import { EnclaveSigner, JWKS_CACHE_CONTROL } from './crypto/enclaveSigner.ts';
import { BackgroundKeygen } from './crypto/backgroundKeygen.ts';
import { KeyPool } from './crypto/keyPool.ts';
import { RsaWorkerPool } from './crypto/rsaWorkerPool.ts';
import type { AppDeps } from './deps.ts';
import { Redactor } from './diagnostics/redact.ts';
import { errorHandler } from './http/errorHandler.ts';
import { controlPlaneGuard, hostGuard, hostRule } from './http/hostGuard.ts';
import { operate } from './http/operation.ts';
import { unmatched } from './http/unmatched.ts';
import { wireFaults } from './http/wireFaults.ts';
import { reportFaultsInHeaders, trackRequests, type LogLine } from './http/requestContext.ts';
import { ResetFence } from './http/resetFence.ts';
import { UploadSlots } from './http/uploadSlots.ts';
import { AssignmentsInFlight } from './keys/assignmentsInFlight.ts';
import { ROUTES, routesAt } from './routes/index.ts';
import { openState } from './store/openState.ts';
import type { Store } from './store/store.ts';
import { jsonBody, multipartBody } from './transport.ts';

export interface MockApp {
  app: express.Express;
  deps: AppDeps;
  /** What seeding added at start: assigned keys, backups and pool keys. */
  seeded: { keys: number; backups: number; pool: number };
  /** Where the key pool's keys come from ("the shipped test keys first, then generated"). */
  poolSource: string;
  close(): void;
}

export interface AppOptions {
  store?: Store;
  log?: (line: LogLine) => void;
}

export function createApp(config: Config, options: AppOptions = {}): MockApp {
  const issuer = new TestIssuer(config.jwtIssuerKeyFile);
  const signer = new EnclaveSigner(config.enclaveKeyFiles, config.environment);
  // Seeds, then the store and its journal: a bad seed file or data directory fails start-up here, with nothing loaded.
  const state = openState(config, options.store);
  const rsa = new RsaWorkerPool(config.cryptoWorkers);
  const keygen = new BackgroundKeygen();
  const deps: AppDeps = {
    config,
    store: state.store,
    // The refill makes one key at a time at low priority, and none while stores are queued.
    pool: new KeyPool(config.poolSize, state.pool, {
      refill: () => keygen.generate(),
      busy: () => rsa.queued > 0,
    }),
    rsa,
    signer,
    journal: state.journal,
    issuer,
    authenticator: new Authenticator(issuer, config.partnerApiKeys, config.standardApiKeys),
    switches: new FaultSwitches(),
    assignments: new AssignmentsInFlight(),
    fence: new ResetFence(),
    uploads: new UploadSlots(),
  };
  const seeded = { ...state.seeded, pool: deps.pool.stats().seeded };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  reportFaultsInHeaders(app);
  const redactor = new Redactor([
    ...config.partnerApiKeys,
    ...config.standardApiKeys,
    ...(config.controlToken ? [config.controlToken] : []),
  ]);
  app.use(
    trackRequests(deps.journal, options.log ?? (() => {}), redactor, {
      opaque: config.opaqueErrors,
    }),
  );
  // Before anything is mounted under /_mock, so everything there inherits the browser checks.
  const allowedHost = hostRule(config.host, config.allowedHosts);
  app.use('/_mock', controlPlaneGuard(allowedHost));
  app.use(hostGuard(allowedHost));

  app.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', JWKS_CACHE_CONTROL);
    res.json(deps.signer.jwks());
  });
  app.use('/_mock', controlAuth(config.controlToken), controlPlane(deps, state.reseed));

  for (const route of ROUTES) {
    const body =
      route.body === 'json'
        ? jsonBody()
        : route.body === 'multipart'
          ? multipartBody(deps.uploads, config.strictRequests)
          : [];
    app[route.method](
      route.path,
      wireFaults(deps.switches, route),
      deps.authenticator.middleware(route.scope),
      ...body,
      operate(route, deps),
    );
  }

  app.use(unmatched(redactor, routesAt));
  app.use(errorHandler(config, redactor));

  deps.pool.start();
  return {
    app,
    deps,
    seeded,
    poolSource: state.poolSource,
    close: () => {
      deps.pool.stop();
      void keygen.close();
      void deps.rsa.close();
      deps.store.close();
    },
  };
}
