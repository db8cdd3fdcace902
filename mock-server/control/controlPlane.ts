/**
 * The control plane under /_mock: never part of the faithful surface. Health, reset, test tokens,
 * the request journal and fault switches. Errors here are application/problem+json (RFC 9457).
 */
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { openApiDocument } from '../routes/openApiDocument.ts';
import { snapshotOf } from '../store/snapshot.ts';
import { ArmRequest } from './faultSwitches.ts';
import { inspectState } from './inspectState.ts';

export function problem(res: Response, status: number, title: string, detail: string): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

const MintRequest = z.strictObject({
  scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/)).max(16).optional(),
  expires_in: z.number().int().min(-86_400 * 365).max(86_400 * 365).optional(),
  subject: z.string().min(1).max(256).optional(),
});

function parse<S extends z.ZodType>(schema: S, body: unknown, res: Response): z.output<S> | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  problem(res, 400, 'Invalid control request', z.prettifyError(result.error));
  return undefined;
}

export function controlPlane(deps: AppDeps, reseed: () => { keys: number; backups: number }): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', environment: deps.config.environment, pool: deps.pool.stats(), crypto_workers: deps.rsa.stats(), store: deps.store.counts() });
  });

  router.post('/reset', (_req, res) => {
    deps.store.clear();
    deps.journal.clear();
    deps.switches.clear();
    const seeded = reseed();
    res.json({ reset: true, keys_seeded: seeded.keys, backups_seeded: seeded.backups });
  });

  router.get('/snapshot', (_req, res) => {
    res.json(snapshotOf(deps.store, deps.config.snapshotPrivateKeys));
  });

  router.get('/openapi.json', (req, res) => {
    res.json(openApiDocument(`${req.protocol}://${req.get('host') ?? 'localhost'}`));
  });

  router.post('/tokens', async (req, res) => {
    const body = parse(MintRequest, req.body, res);
    if (!body) return;
    const minted = await deps.issuer.mint({ scopes: body.scopes, expiresIn: body.expires_in, subject: body.subject });
    res.json({ access_token: minted.token, token_type: 'Bearer', expires_at: minted.expiresAt.toISOString(), subject: minted.subject });
  });

  router.get('/requests', (req, res) => {
    const limit = Math.min(Math.max(Number(req.query.limit ?? 50) || 50, 1), 1000);
    res.json({ requests: deps.journal.list(limit) });
  });

  router.get('/requests/:id', (req, res) => {
    const entry = deps.journal.get(req.params.id);
    if (!entry) return problem(res, 404, 'Unknown request id', `No journal entry ${req.params.id} (it may have dropped out of the bounded journal).`);
    res.json(entry);
  });

  router.use(inspectState(deps));

  router.get('/faults', (_req, res) => {
    res.json({ armed: deps.switches.list() });
  });

  router.post('/faults', (req, res) => {
    const body = parse(ArmRequest, req.body, res);
    if (!body) return;
    deps.switches.arm(body.fault, body.times);
    res.json({ armed: deps.switches.list() });
  });

  router.delete('/faults', (_req, res) => {
    deps.switches.clear();
    res.json({ armed: {} });
  });

  return router;
}
