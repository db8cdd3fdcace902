/**
 * The control plane can reset state, mint tokens and export keys. On loopback (the default) it is
 * open; with --control-token every /_mock call but health must carry it in x-mock-control-token.
 * The journal page's own files are open too: a browser cannot add the header to a navigation, the
 * files hold no data, and the page sends the token (typed in once) with every call it makes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../http/problem.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

const isPageFile = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') && /^\/ui(\/[\w.-]+)?$/.test(req.path);

export function controlAuth(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!expected || req.path === '/health' || isPageFile(req)) return next();
    const given = req.headers['x-mock-control-token'];
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return next();
    problem(
      res,
      401,
      'Control token required',
      'This mock was started with --control-token: send it in the x-mock-control-token header.',
    );
  };
}
