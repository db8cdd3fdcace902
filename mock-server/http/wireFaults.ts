/**
 * The fault switches that act on the wire before an operation runs (armed with POST /_mock/faults).
 * internal_error: the documented 500, before the request does anything. The store switches: a
 * 503 or a 401 on the next store, before anything is stored, for the client's retry rule. (The
 * signature switches are taken when a key is signed, and drop_after_store after a store: see
 * operation.ts and domainDeps.ts.)
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { apiError, internalError, MESSAGES, serviceUnavailable } from '../errors.ts';

export function wireFaults(switches: AppDeps['switches'], route: { path: string }): RequestHandler {
  const stores = route.path.includes('/secure/');
  return (_req: Request, _res: Response, next: NextFunction) => {
    if (switches.take('internal_error')) throw internalError();
    if (stores) {
      if (switches.take('unavailable_before_store')) throw serviceUnavailable();
      if (switches.take('unauthorized_before_store'))
        throw apiError('auth_invalid', MESSAGES.AUTH_INVALID);
    }
    next();
  };
}
