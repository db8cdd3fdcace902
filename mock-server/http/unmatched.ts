/**
 * A request no route matched: on /_mock a problem document; on /v1 a 405 with Allow when the path
 * names an operation under another method (method_not_allowed), else a 404 (route_not_found).
 */
import type { Request, Response } from 'express';
import { clip, finding } from '../diagnostics/findings.ts';
import type { Redactor } from '../diagnostics/redact.ts';
import { apiError, MESSAGES } from '../errors.ts';
import { problem } from './problem.ts';

/** `routesAt`: the route table's rows whose path matches, whatever their method. */
export function unmatched(
  redactor: Redactor,
  routesAt: (path: string) => ReadonlyArray<{ method: string }>,
) {
  return (req: Request, res: Response): void => {
    // The path is echoed in the message: cut to size (and redacted by the error handler).
    const path = clip(req.path, 256);
    if (req.path.startsWith('/_mock'))
      return problem(
        res,
        404,
        'Not Found',
        `No control endpoint ${req.method} ${redactor.path(req.path)}`,
      );
    const known = routesAt(req.path);
    if (known.length > 0) {
      const allow = known.map((route) => route.method.toUpperCase());
      res.setHeader('Allow', allow.join(', '));
      throw apiError('method_not_allowed', MESSAGES.METHOD_NOT_ALLOWED(req.method, path), [
        finding('method_not_allowed', `${req.method} is not allowed on ${path}.`, { allow }),
      ]);
    }
    throw apiError('route_not_found', MESSAGES.ROUTE_NOT_FOUND(req.method, path), [
      finding('route_not_found', `There is no ${req.method} ${path} in the API.`),
    ]);
  };
}
