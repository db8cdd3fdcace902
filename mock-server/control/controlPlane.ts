/**
 * The control plane under /_mock: never part of the faithful surface. Health, reset, test tokens,
 * the request journal (listing, live stream and page) and fault switches. Every route is listed in
 * controlOpenApi.ts. Errors here are application/problem+json (RFC 9457).
 */
import express, { Router } from 'express';
import catalogue from '../../fixtures/faults/catalogue.json' with { type: 'json' };
import type { AppDeps } from '../deps.ts';
import { openApiDocument } from '../routes/openApiDocument.ts';
import { snapshotOf } from '../store/snapshot.ts';
import { CONTROL_JSON_LIMIT_BYTES } from '../transport.ts';
import { controlOpenApiDocument } from './controlOpenApi.ts';
import { ArmRequest } from './faultSwitches.ts';
import { inspectState } from './inspectState.ts';
import { JournalQuery, matchesFilter } from './journalQuery.ts';
import { journalStream } from './journalStream.ts';
import { journalUi } from './journalUi.ts';
import { MintRequest } from './mintRequest.ts';
import { parseControl, problem } from '../http/problem.ts';

export function controlPlane(
  deps: AppDeps,
  reseed: () => { keys: number; backups: number },
): Router {
  const router = Router();
  router.use(express.json({ limit: CONTROL_JSON_LIMIT_BYTES }));

  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      environment: deps.config.environment,
      pool: deps.pool.stats(),
      crypto_workers: deps.rsa.stats(),
      store: deps.store.counts(),
      uploads: deps.uploads.stats(),
    });
  });

  // After the /v1 requests in flight, before the next ones (ResetFence).
  router.post('/reset', async (_req, res) => {
    const seeded = await deps.fence.alone(() => {
      deps.store.clear();
      deps.journal.clear();
      deps.switches.clear();
      return reseed();
    });
    res.json({ reset: true, keys_seeded: seeded.keys, backups_seeded: seeded.backups });
  });

  router.get('/snapshot', (_req, res) => {
    res.json(snapshotOf(deps.store, deps.config.snapshotPrivateKeys));
  });

  // The server URL is the address the request arrived at, never the Host header it carried.
  router.get('/openapi.json', (req, res) => {
    const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:(?=\d+\.)/, '');
    res.json(
      openApiDocument(
        `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`,
      ),
    );
  });

  router.get('/control-openapi.json', (req, res) => {
    res.json(controlOpenApiDocument(`${req.protocol}://${req.get('host') ?? 'localhost'}`));
  });

  router.get('/catalogue', (_req, res) => {
    res.json(catalogue);
  });

  router.post('/tokens', async (req, res) => {
    const body = parseControl(MintRequest, req.body, res);
    if (!body) return;
    const minted = await deps.issuer.mint({
      scopes: body.scopes,
      expiresIn: body.expires_in,
      subject: body.subject,
    });
    res.json({
      access_token: minted.token,
      token_type: 'Bearer',
      expires_at: minted.expiresAt.toISOString(),
      subject: minted.subject,
    });
  });

  router.get('/requests', (req, res) => {
    const filter = parseControl(JournalQuery, req.query, res);
    if (!filter) return;
    res.json({
      requests: deps.journal.find((entry) => matchesFilter(entry, filter), filter.limit),
    });
  });

  router.delete('/requests', (_req, res) => {
    const cleared = deps.journal.size;
    deps.journal.clear();
    res.json({ cleared });
  });

  router.get('/requests/stream', journalStream(deps.journal));

  router.get('/requests/:id', (req, res) => {
    const entry = deps.journal.get(req.params.id);
    if (!entry)
      return problem(
        res,
        404,
        'Unknown request id',
        `No journal entry ${req.params.id} (it may have dropped out of the bounded journal).`,
      );
    res.json(entry);
  });

  router.use(inspectState(deps));
  router.use(journalUi());

  router.get('/faults', (_req, res) => {
    res.json({ armed: deps.switches.list() });
  });

  router.post('/faults', (req, res) => {
    const body = parseControl(ArmRequest, req.body, res);
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
