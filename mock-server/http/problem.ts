/**
 * The control plane's error surface: application/problem+json (RFC 9457), never the /v1 shape.
 * Every control route and the guards in front of them answer their errors through it.
 */
import type { Response } from 'express';
import { z } from 'zod';

export function problem(res: Response, status: number, title: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/** Validates a control request's body or query; on failure answers 400 and returns undefined. */
export function parseControl<S extends z.ZodType>(
  schema: S,
  body: unknown,
  res: Response,
): z.output<S> | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  problem(res, 400, 'Invalid control request', z.prettifyError(result.error));
  return undefined;
}
