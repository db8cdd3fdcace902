/**
 * createApp builds the express app without listening: the server, the tests, the runner and the
 * benchmark all start the same app. main.ts listens.
 */
import { STATUS_CODES } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Authenticator } from './auth/authenticate.ts';
import { TestIssuer } from './auth/testIssuer.ts';
import type { Config } from './config.ts';
import { controlAuth } from './control/controlAuth.ts';
import { controlPlane } from './control/controlPlane.ts';
import { problem } from './control/problem.ts';
import { FaultSwitches } from './control/faultSwitches.ts';
import { EnclaveSigner, JWKS_CACHE_CONTROL } from './crypto/enclaveSigner.ts';
import { answerInTurn, onLoop } from './http/loopShare.ts';
import { BackgroundKeygen } from './crypto/backgroundKeygen.ts';
import { KeyPool } from './crypto/keyPool.ts';
import { RsaWorkerPool } from './crypto/rsaWorkerPool.ts';
import type { AppDeps } from './deps.ts';
import { clip, finding } from './diagnostics/findings.ts';
import { addFindings, trackRequests, type LogLine } from './diagnostics/requestContext.ts';
import {
  ApiError,
  internalError,
  MESSAGES,
  methodNotAllowed,
  notFound,
  serviceUnavailable,
  unauthorized,
} from './errors.ts';
import { Redactor } from './diagnostics/redact.ts';
import { AssignmentsInFlight } from './keys/assignmentsInFlight.ts';
import { ROUTES, routesAt, type RouteSpec } from './routes/index.ts';
import { afterBodyDrained } from './http/drainRequest.ts';
import { ResetFence } from './http/resetFence.ts';
import { UploadSlots } from './http/uploadSlots.ts';
import { controlPlaneGuard, hostGuard, hostRule } from './http/hostGuard.ts';
import { describeSqliteError } from './store/dataDir.ts';
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

  // The internal_error fault switch: the documented 500, before the request does anything. The
  // store switches: a 503 or a 401 on the next store, before anything is stored.
  const outage = (route: RouteSpec) => (_req: Request, _res: Response, next: NextFunction) => {
    if (deps.switches.take('internal_error')) throw internalError();
    if (route.path.includes('/secure/')) {
      if (deps.switches.take('unavailable_before_store')) throw serviceUnavailable();
      if (deps.switches.take('unauthorized_before_store'))
        throw unauthorized(MESSAGES.AUTH_INVALID, []);
    }
    next();
  };
  for (const route of ROUTES) {
    const body =
      route.body === 'json'
        ? jsonBody()
        : route.body === 'multipart'
          ? multipartBody(deps.uploads, config.strictRequests)
          : [];
    const handler = route.handler(deps);
    app[route.method](
      route.path,
      outage(route),
      deps.authenticator.middleware(route.scope),
      ...body,
      (req: Request, res: Response) =>
        deps.fence.during(() => onLoop(req, () => handler(req, res))),
    );
  }

  app.use((req: Request, res: Response) => {
    const known = routesAt(req.path);
    // The path is echoed in the message: cut to size (and redacted by the error handler).
    const path = clip(req.path, 256);
    if (req.path.startsWith('/_mock'))
      return problem(
        res,
        404,
        'Not Found',
        `No control endpoint ${req.method} ${redactor.path(req.path)}`,
      );
    if (known.length > 0) {
      const allow = known.map((route) => route.method.toUpperCase());
      res.setHeader('Allow', allow.join(', '));
      throw methodNotAllowed(`${req.method} is not allowed on ${path}`, [
        finding('request_invalid', `${req.method} is not allowed on ${path}.`, { allow }),
      ]);
    }
    throw notFound(MESSAGES.ROUTE_NOT_FOUND(req.method, path), [
      finding('request_invalid', `There is no ${req.method} ${path} in the API.`),
    ]);
  });

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

/**
 * The one error handler. On /v1 every error, whatever threw it, answers `{error, message}` as JSON:
 * an ApiError as it is, anything else as the documented 500. It never hands an error on to
 * Express's default handler (an HTML page with a stack trace), and if answering fails it ends the
 * response with a fixed JSON body or, once headers have gone, the connection.
 */
function errorHandler(config: Config, redactor: Redactor) {
  const format = config.validationErrors;
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    try {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = (error as { status?: unknown } | null)?.status;
      if (req.path.startsWith('/_mock')) {
        // Body-parser errors on the control plane are the caller's mistake; anything else is ours.
        if (typeof status === 'number' && status >= 400 && status < 500)
          return afterBodyDrained(req, () =>
            problem(
              res,
              status,
              'Bad control request',
              redactor.text(String((error as Error).message)),
            ),
          );
        return problem(res, 500, 'Internal error', 'The control plane failed; see the mock log.');
      }
      const apiError = error instanceof ApiError ? error : unexpected(error, status);
      addFindings(res, apiError.findings);
      if (apiError.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      const body = apiError.body(format);
      // An error can come before the body was read (a 413 on its declared size): the rest of it is read first, so the client gets the answer.
      // A costly client error waits its turn (http/loopShare.ts); the answer is then sent from a
      // timer, outside this try, so it guards itself.
      const send = () => {
        try {
          res.status(apiError.status).json({
            error: body.error,
            message:
              typeof body.message === 'string'
                ? redactor.text(body.message)
                : redactor.value(body.message),
          });
        } catch (failure) {
          answerFixedError(res, failure);
        }
      };
      afterBodyDrained(req, () => answerInTurn(req, apiError.status, send));
    } catch (failure) {
      answerFixedError(res, failure);
    }
  };
}

/** When answering an error failed: the fixed 500 body or, once headers have gone, the end of the connection. */
function answerFixedError(res: Response, failure: unknown): void {
  console.error(
    'coincover-mock: answering an error failed:',
    failure instanceof Error ? failure.message : failure,
  );
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(FIXED_INTERNAL_ERROR);
}

const FIXED_INTERNAL_ERROR = JSON.stringify(internalError().body());

function unexpected(error: unknown, status: unknown): ApiError {
  // An error Express or a parser raised with a client status (a path that does not decode, for one) is the client's.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(
      status,
      STATUS_CODES[status] ?? 'Bad Request',
      'The request could not be read',
      [finding('request_malformed', 'The request could not be read.', { status })],
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    console.error(
      `coincover-mock: the data directory could not be written: ${describeSqliteError(error)}; the request was answered 500 and nothing of it was kept`,
    );
  } else {
    console.error(
      'coincover-mock: unexpected error:',
      error instanceof Error ? error.stack : error,
    );
  }
  return internalError();
}
