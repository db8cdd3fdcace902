/**
 * Browsers on the developer's machine can reach the mock: a page on any site can send it simple
 * requests (a cross-site `POST /_mock/reset` with `Content-Type: text/plain` needs no CORS
 * preflight), and a DNS-rebinding page can read its answers, because to the browser it is the
 * page's own origin. Two checks close that:
 *
 * - The Host allow-list, on every route: loopback names (`localhost`, `*.localhost`, RFC 6761),
 *   IP literals (a rebinding attack needs a name the attacker's DNS answers), the --host name and
 *   the --allowed-hosts names. Anything else is 421. /v1 is checked too: its default API keys are
 *   public, so a rebinding page could otherwise assign and store with them and read the answers.
 * - On /_mock, the browser's own markers: an `Origin` whose host is not allowed (or `null`), or
 *   `Sec-Fetch-Site: cross-site`, is 403. Non-browser clients send neither.
 *
 * No CORS headers are ever sent, so no other origin can read an answer.
 */
import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { problem } from './problem.ts';

export type HostRule = (hostname: string) => boolean;

/** "Name", "name:port", "[v6]:port" or a URL's host, as a lower-case hostname without brackets or trailing dot; null if unreadable. */
export function hostnameOf(authority: string): string | null {
  try {
    const { hostname, username, password, pathname } = new URL(`http://${authority}`);
    if (username || password || pathname !== '/') return null;
    return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  } catch {
    return null;
  }
}

export function hostRule(boundHost: string, allowedHosts: readonly string[]): HostRule {
  const names = new Set([
    'localhost',
    ...[boundHost, ...allowedHosts]
      .map((h) => hostnameOf(h))
      .filter((h): h is string => h !== null),
  ]);
  return (hostname) =>
    isIP(hostname) !== 0 ||
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    names.has(hostname);
}

/** The Host header is one this mock answers to (a request without one, HTTP/1.0, comes from no browser). */
export function hostAllowed(req: Request, allowed: HostRule): boolean {
  const host = req.headers.host;
  if (host === undefined) return true;
  const hostname = hostnameOf(host);
  return hostname !== null && allowed(hostname);
}

/** Why a browser sent this request from another site, or null when nothing says so. */
export function crossSiteMarker(req: Request, allowed: HostRule): string | null {
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'Sec-Fetch-Site: cross-site';
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let hostname: string | null = null;
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') hostname = hostnameOf(url.host);
  } catch {
    hostname = null;
  }
  return hostname !== null && allowed(hostname) ? null : `Origin ${origin.slice(0, 100)}`;
}

/** The Host check for the faithful surface; /v1 answers in its own error shape. */
export function hostGuard(allowed: HostRule) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (hostAllowed(req, allowed)) return next();
    res.setHeader('Connection', 'close');
    res.status(421).json({
      error: 'Misdirected Request',
      message:
        'This mock does not answer to that Host; start it with --allowed-hosts to add a name',
    });
  };
}

/** Every /_mock route, mounted before anything under /_mock so that whatever is added there later inherits it. */
export function controlPlaneGuard(allowed: HostRule) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!hostAllowed(req, allowed)) {
      res.setHeader('Connection', 'close');
      return problem(
        res,
        421,
        'Host not allowed',
        'The control plane answers only to loopback names, IP literals, --host and --allowed-hosts.',
      );
    }
    const marker = crossSiteMarker(req, allowed);
    if (marker)
      return problem(
        res,
        403,
        'Cross-site request refused',
        `The control plane refuses requests from web pages (${marker}).`,
      );
    next();
  };
}
