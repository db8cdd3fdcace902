/**
 * The one error handler, and the policies of the /v1 error surface: the status and body an
 * ApiError decided, its findings in the request context (so in x-mock-faults and the journal),
 * the opaque-errors policy (data that does not verify answers the same bytes whatever the
 * diagnosis: no padding oracle, Bleichenbacher 1998, Manger 2001), and redaction of what a body
 * echoes. On /v1 every error, whatever threw it, answers `{error, message}` as JSON: an ApiError
 * as it is, anything else as the documented 500. It never hands an error on to Express's default
 * handler (an HTML page with a stack trace), and if answering fails it ends the response with a
 * fixed JSON body or, once headers have gone, the connection.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.ts';
import { problem } from './problem.ts';
import { finding } from '../diagnostics/findings.ts';
import type { Redactor } from '../diagnostics/redact.ts';
import { ApiError, apiError, internalError, MESSAGES } from '../errors.ts';
import { describeSqliteError } from '../store/dataDir.ts';
import { afterBodyDrained } from './drainRequest.ts';
import { answerInTurn } from './loopShare.ts';
import { addFindings } from './requestContext.ts';

export function errorHandler(config: Config, redactor: Redactor) {
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
      const body =
        config.opaqueErrors && apiError.verification
          ? { error: apiError.error, message: MESSAGES.VERIFICATION_FAILED }
          : apiError.body(format);
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

/** The fault that decides an error Express or a parser raised with a client status. */
const CLIENT_STATUS_FAULTS = { 413: 'body_too_large', 415: 'content_type_unsupported' } as const;

function unexpected(error: unknown, status: unknown): ApiError {
  // An error Express or a parser raised with a client status (a path that does not decode, for one) is the client's.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code =
      CLIENT_STATUS_FAULTS[status as keyof typeof CLIENT_STATUS_FAULTS] ?? 'request_malformed';
    return apiError(code, MESSAGES.UNREADABLE, [
      finding(code, 'The request could not be read.', { status }),
    ]);
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
