/**
 * Per-request diagnostic context: the request id, the findings, and what the request touched.
 * Findings reach the client only as codes in the `x-mock-faults` header (set just before headers
 * are written, whatever path produced the response); the full findings go to the journal.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';
import type { Finding } from './findings.ts';
import type { Journal } from './journal.ts';
import type { PrincipalType } from '../store/records.ts';

export interface RequestContext {
  requestId: string;
  startedAt: number;
  findings: Finding[];
  /** Findings recorded in the journal but kept out of the header (opaque-errors mode). */
  hideFindings: boolean;
  principal?: { type: PrincipalType; id: string };
  keyId?: string;
  backupId?: string;
}

export function requestContext(res: Response): RequestContext {
  return res.locals.context as RequestContext;
}

export function addFindings(res: Response, findings: readonly Finding[]): void {
  requestContext(res).findings.push(...findings);
}

export interface LogLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  faults: string[];
}

/**
 * `opaque` (--opaque-errors): no answer carries x-mock-faults, whatever it is (a 404 for an
 * unknown or off-by-one public_key would otherwise tell them apart); the journal still has them.
 */
export function trackRequests(journal: Journal, log: (line: LogLine) => void, { opaque = false } = {}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const context: RequestContext = { requestId: randomUUID(), startedAt: performance.now(), findings: [], hideFindings: opaque };
    res.locals.context = context;
    res.setHeader('x-request-id', context.requestId);
    onHeaders(res, () => {
      const codes = [...new Set(context.findings.map((f) => f.code))];
      if (codes.length > 0 && !context.hideFindings) res.setHeader('x-mock-faults', codes.join(','));
    });
    const path = req.path;
    // The control plane is the tester's own tool: its calls are not part of what the client did.
    if (path.startsWith('/_mock/')) return next();
    // 'close' also fires when the connection ends before a response (status 0 in the journal).
    res.on('close', () => {
      const ms = Math.round((performance.now() - context.startedAt) * 100) / 100;
      journal.record({
        id: context.requestId,
        at: new Date().toISOString(),
        method: req.method,
        path,
        status: res.writableFinished ? res.statusCode : 0,
        duration_ms: ms,
        principal: context.principal ?? null,
        key_id: context.keyId ?? null,
        backup_id: context.backupId ?? null,
        request: {
          content_type: req.headers['content-type'] ?? null,
          content_length: req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']),
        },
        faults: context.findings,
      });
      log({ requestId: context.requestId, method: req.method, path, status: res.writableFinished ? res.statusCode : 0, ms, faults: context.findings.map((f) => f.code) });
    });
    next();
  };
}
