/**
 * How the app runs one /v1 operation of the route table, after the transport read the body and
 * the caller was authenticated: validate the path parameters and the body with the row's own
 * schemas (warnings go to the request context), hand the operation its typed input and the
 * request context as its Report, then answer 200 with what it returns. The drop_after_store fault
 * switch is taken here, on the wire: the backup is kept but the connection is closed before any
 * response, the "network failure mid-flight" of the sandbox testing page (reference §10).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from './authenticate.ts';
import type { AppDeps } from '../deps.ts';
import type { Finding } from '../diagnostics/findings.ts';
import type { Report } from '../diagnostics/report.ts';
import type { Readings } from '../schemas/readings.ts';
import type { UploadedFile } from '../storage/storeSecureFile.ts';
import { onLoop } from './loopShare.ts';
import { requestContext } from './requestContext.ts';
import { validate, validateRequest } from './validation.ts';

/** What an operation is handed: its validated input, the caller, and where to report. */
export interface Call<B = unknown, P = unknown> {
  body: B;
  params: P;
  principal: Principal;
  /** The multipart file part, on the file routes. */
  file: UploadedFile | undefined;
  report: Report;
}

/**
 * An operation of the route table, given the app's collaborators once. Typed by its own input
 * (`Call<SecureDataBody>`); the table holds them as `Call<never, never>`, which every such
 * operation accepts, and the app calls them with what the row's schemas validated.
 */
export type Operation = (deps: AppDeps) => (call: Call<never, never>) => Promise<object>;

/** Extra diagnosis of a field that failed validation, given its raw value. */
export type Diagnose = Partial<Record<string, (value: unknown) => Finding[]>>;

/** What the app needs of a route table row to run its operation (routes/index.ts has the rest). */
export interface OperationRow {
  path: string;
  body: 'json' | 'multipart' | 'none';
  /** Path parameters, validated before the operation runs. */
  params?: z.ZodObject;
  /** The JSON body, or the text parts of a multipart body, in both readings. */
  request?: Readings;
  /** Extra diagnosis of a field that failed validation (a public_key that names no key). */
  diagnose?: (deps: AppDeps) => Diagnose;
  handler: Operation;
}

const fileOf = (req: Request): UploadedFile | undefined =>
  (req.files as Record<string, Express.Multer.File[]> | undefined)?.file?.[0];

export function operate(route: OperationRow, deps: AppDeps): RequestHandler {
  const operation = route.handler(deps);
  const diagnose = route.diagnose?.(deps);
  const stores = route.path.includes('/secure/');
  const strict = deps.config.strictRequests;
  const run = async (req: Request, res: Response): Promise<void> => {
    const context = requestContext(res);
    const params = route.params ? validate(route.params, { ...req.params }) : undefined;
    let body: unknown;
    if (route.request) {
      // Multer's fields are copied into a map without a prototype: a part may be called `__proto__`.
      const raw =
        route.body === 'multipart'
          ? Object.assign(Object.create(null) as Record<string, unknown>, req.body)
          : req.body;
      const read = validateRequest(route.request, raw, { strict, ...(diagnose && { diagnose }) });
      context.findings.addAll(read.warnings);
      body = read.value;
    }
    const call: Call = {
      body,
      params,
      principal: res.locals.principal as Principal,
      file: fileOf(req),
      report: context,
    };
    const answer = await operation(call as Call<never, never>);
    if (stores && deps.switches.take('drop_after_store')) {
      res.socket?.destroy();
      return;
    }
    res.status(200).json(answer);
  };
  // The validation and the operation's synchronous part count against the request's share of the loop (loopShare.ts).
  return (req: Request, res: Response) => deps.fence.during(() => onLoop(req, () => run(req, res)));
}
