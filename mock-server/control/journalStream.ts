/**
 * `GET /_mock/requests/stream`: the journal, live, as NDJSON (one JSON object a line). It takes
 * the listing's filters: first the matching entries already held (oldest first, at most `limit`),
 * then `{"type":"ready"}`, then each matching entry as it is recorded, `{"type":"cleared"}` when
 * the journal is emptied, and `{"type":"ping"}` while nothing happens.
 *
 * A stream rather than server-sent events through EventSource, because EventSource cannot send the
 * x-mock-control-token header; the page reads it with fetch(). After its backlog (bounded by
 * `limit`), a connection may hold at most `bufferBytes` unread; a reader that falls further behind
 * is cut off (it reconnects and reads the backlog again). At most `connections` streams are open.
 */
import type { Request, Response } from 'express';
import type { Journal, JournalEntry, JournalEvent } from '../diagnostics/journal.ts';
import { parseControl, problem } from '../http/problem.ts';
import { JournalQuery, matchesFilter } from './journalQuery.ts';

export interface StreamLimits {
  connections: number;
  bufferBytes: number;
  heartbeatMs: number;
}

export const STREAM_LIMITS: StreamLimits = {
  connections: 8,
  bufferBytes: 4 * 1024 * 1024,
  heartbeatMs: 15_000,
};

export type StreamLine =
  | { type: 'entry'; entry: JournalEntry }
  | { type: 'ready'; count: number }
  | { type: 'cleared' }
  | { type: 'ping' };

export function journalStream(journal: Journal, limits: StreamLimits = STREAM_LIMITS) {
  let open = 0;
  return (req: Request, res: Response): void => {
    const filter = parseControl(JournalQuery, req.query, res);
    if (!filter) return;
    if (open >= limits.connections) {
      res.setHeader('Retry-After', '5');
      return problem(
        res,
        503,
        'Too many journal streams',
        `At most ${limits.connections} journal streams may be open at once; close one (another tab of the journal page) and retry.`,
      );
    }
    open++;
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.flushHeaders();

    const send = (line: StreamLine): void => {
      if (!res.destroyed) res.write(`${JSON.stringify(line)}\n`);
    };
    /** Live lines: unread output past the bound means this reader is too slow; cut it off rather than hold more. */
    const sendLive = (line: StreamLine): void => {
      if (res.writableLength > limits.bufferBytes) return void res.destroy();
      send(line);
    };
    const onEvent = (event: JournalEvent): void => {
      if (event.type === 'cleared') sendLive({ type: 'cleared' });
      else if (matchesFilter(event.entry, filter)) sendLive({ type: 'entry', entry: event.entry });
    };
    const unsubscribe = journal.subscribe(onEvent);
    const heartbeat = setInterval(() => sendLive({ type: 'ping' }), limits.heartbeatMs);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open--;
    });

    // The backlog is bounded by `limit`; the buffer bound is for what arrives after it.
    const backlog = journal.find((entry) => matchesFilter(entry, filter), filter.limit).reverse();
    for (const entry of backlog) send({ type: 'entry', entry });
    send({ type: 'ready', count: backlog.length });
  };
}
