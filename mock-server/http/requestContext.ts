/**
 * Per-request diagnostic context: the request id, the findings, and what the request touched.
 * Findings reach the client only as codes in the `x-mock-faults` header (set just before headers
 * are written, whatever path produced the response); the full findings go to the journal. The
 * findings are a bounded FindingList, and everything a request echoes is redacted on the way in.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ServerResponse } from 'node:http';
import { FindingList, type Finding } from '../diagnostics/findings.ts';
import type { Journal } from '../diagnostics/journal.ts';
import type { Redactor } from '../diagnostics/redact.ts';
import type { Report } from '../diagnostics/report.ts';
import type { PrincipalType } from '../model.ts';

/** The request's Report (what the domain found and touched), and what only the edge knows. */
export interface RequestContext extends Report {
  requestId: string;
  startedAt: number;
  findings: FindingList;
  /** Findings recorded in the journal but kept out of the header (opaque-errors mode). */
  hideFindings: boolean;
  principal?: { type: PrincipalType; id: string };
}

export function requestContext(res: Response): RequestContext {
  return res.locals.context as RequestContext;
}

export function addFindings(res: Response, findings: Iterable<Finding>): void {
  requestContext(res).findings.addAll(findings);
}

export interface LogLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  faults: string[];
}

/** A method as the journal keeps it: an HTTP token, at most 16 characters. */
const methodOf = (method: string) =>
  /^[A-Z]{1,16}$/.test(method) ? method : method.replace(/[^\x21-\x7e]/g, '?').slice(0, 16);

/**
 * Every response of `app` carries its request's finding codes in `x-mock-faults`, set as its
 * headers are written, whatever path produced it. Installed once on the app's response prototype
 * (Express's `app.response`): wrapping each response's own writeHead would give every response
 * object a shape of its own, which slows every later access to it.
 */
export function reportFaultsInHeaders(app: { response: Response }): void {
  const writeHead = ServerResponse.prototype.writeHead;
  Object.defineProperty(app.response, 'writeHead', {
    configurable: true,
    writable: true,
    value: function writeHeadWithFaults(this: Response, ...args: Parameters<typeof writeHead>) {
      const context = this.locals?.context as RequestContext | undefined;
      if (context && !context.hideFindings && !this.headersSent) {
        const codes = context.findings.codes();
        if (codes.length > 0) this.setHeader('x-mock-faults', codes.join(','));
      }
      return writeHead.apply(this, args);
    },
  });
}

/**
 * `opaque` (--opaque-errors): no answer carries x-mock-faults, whatever it is (a 404 for an
 * unknown or off-by-one public_key would otherwise tell them apart); the journal still has them.
 */
export function trackRequests(
  journal: Journal,
  log: (line: LogLine) => void,
  redactor: Redactor,
  { opaque = false } = {},
) {
  const redactFinding = (f: Finding): Finding => ({
    ...f,
    message: redactor.text(f.message),
    ...(f.details ? { details: redactor.value(f.details) as Record<string, unknown> } : {}),
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const context: RequestContext = {
      requestId: randomUUID(),
      startedAt: performance.now(),
      findings: new FindingList([], redactFinding),
      hideFindings: opaque,
    };
    res.locals.context = context;
    res.setHeader('x-request-id', context.requestId);
    // The control plane is the tester's own tool: its calls are not part of what the client did.
    if (req.path.startsWith('/_mock/')) return next();
    const path = redactor.path(req.path);
    // 'close' also fires when the connection ends before a response (status 0 in the journal).
    res.on('close', () => {
      const ms = Math.round((performance.now() - context.startedAt) * 100) / 100;
      const contentType = req.headers['content-type'];
      const omitted = context.findings.omitted();
      journal.record({
        id: context.requestId,
        at: new Date().toISOString(),
        method: methodOf(req.method),
        path,
        status: res.writableFinished ? res.statusCode : 0,
        duration_ms: ms,
        principal: context.principal ?? null,
        key_id: context.keyId ?? null,
        backup_id: context.backupId ?? null,
        request: {
          content_type:
            contentType === undefined ? null : redactor.header(contentType.slice(0, 256)),
          content_length:
            req.headers['content-length'] === undefined
              ? null
              : Number(req.headers['content-length']),
        },
        faults: [...context.findings.list()],
        ...(omitted ? { faults_omitted: omitted } : {}),
      });
      log({
        requestId: context.requestId,
        method: methodOf(req.method),
        path,
        status: res.writableFinished ? res.statusCode : 0,
        ms,
        faults: context.findings.codes(),
      });
    });
    next();
  };
}
