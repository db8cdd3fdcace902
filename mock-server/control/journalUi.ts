/**
 * `GET /_mock/ui`: the journal page, static files from mock-server/ui/ read at run time. The page
 * holds no data: its script fetches the journal, the counts and the catalogue from the control
 * plane, sending the control token the user typed in. It is served under a strict
 * Content-Security-Policy: its own script and style only, no inline code, fetches to this origin
 * only, and Trusted Types required, so a string can never be assigned as HTML.
 */
import { readFile } from 'node:fs/promises';
import { Router, type Response } from 'express';
import { fromPackageRoot } from '../packagePaths.ts';
import { problem } from '../http/problem.ts';

export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** The page's files, by the name they are served under (`/_mock/ui/<name>`); the page itself is `/_mock/ui`. */
export const UI_FILES: Readonly<Record<string, string>> = {
  'journal.js': 'text/javascript; charset=utf-8',
  'detail.js': 'text/javascript; charset=utf-8',
  'replay.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'journal.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

async function sendFile(res: Response, name: string, type: string): Promise<void> {
  const body = await readFile(fromPackageRoot('mock-server', 'ui', name));
  res.setHeader('Content-Security-Policy', UI_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.status(200).type(type).send(body);
}

export function journalUi(): Router {
  const router = Router();
  router.get('/ui', async (_req, res) => sendFile(res, 'journal.html', 'text/html; charset=utf-8'));
  router.get('/ui/:file', async (req, res) => {
    const type = Object.hasOwn(UI_FILES, req.params.file) ? UI_FILES[req.params.file] : undefined;
    if (!type)
      return problem(res, 404, 'Not Found', `The journal page has no file ${req.params.file}.`);
    await sendFile(res, req.params.file, type);
  });
  return router;
}
