/**
 * The control plane can reset state, mint tokens and export keys. On loopback (the default) it is
 * open; with --control-token every /_mock call but health must carry it in x-mock-control-token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { problem } from './controlPlane.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function controlAuth(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!expected || req.path === '/health') return next();
    const given = req.headers['x-mock-control-token'];
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return next();
    problem(res, 401, 'Control token required', 'This mock was started with --control-token: send it in the x-mock-control-token header.');
  };
}
