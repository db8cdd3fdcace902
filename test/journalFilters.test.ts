/**
 * The journal's filters and its live stream, through the control plane: each filter selects what
 * it says, they combine, a bad query is a 400 problem document that names the parameter, and the
 * stream sends the matching backlog, then live entries, stops for a reader that falls behind,
 * caps how many are open, and unsubscribes when a reader goes away.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, it } from 'node:test';
import express from 'express';
import { request } from 'undici';
import type { MockApp } from '../mock-server/app.ts';
import { journalStream, type StreamLine } from '../mock-server/control/journalStream.ts';
import { finding } from '../mock-server/diagnostics/findings.ts';
import { Journal, type JournalEntry } from '../mock-server/diagnostics/journal.ts';
import { listeningApp } from './support/listeningApp.ts';

let mock: MockApp;
let base: string;
const KEY_A = randomUUID();
const KEY_B = randomUUID();

function entry(over: Partial<JournalEntry> & { at: string }): JournalEntry {
  return {
    id: randomUUID(),
    method: 'POST',
    path: '/v1/partner/secure/data',
    status: 200,
    duration_ms: 1,
    principal: { type: 'api_key', id: 'api-key-test' },
    key_id: null,
    backup_id: null,
    request: { content_type: 'application/json', content_length: 10 },
    faults: [],
    ...over,
  };
}

/** Six entries, oldest first: what each filter must pick out of them is known. */
const ENTRIES = [
  entry({ at: '2026-01-01T10:00:00.000Z', path: '/v1/partner/keys', key_id: KEY_A }),
  entry({
    at: '2026-01-01T10:00:01.000Z',
    key_id: KEY_A,
    status: 400,
    faults: [finding('oaep_mgf1_mismatch', 'MGF1 SHA-1')],
  }),
  entry({
    at: '2026-01-01T10:00:02.000Z',
    key_id: KEY_B,
    status: 400,
    faults: [finding('checksum_mismatch', 'no match')],
  }),
  entry({
    at: '2026-01-01T10:00:03.000Z',
    method: 'GET',
    path: '/v1/keys/x/verify',
    status: 404,
    principal: null,
    faults: [finding('request_invalid', 'no route')],
  }),
  entry({ at: '2026-01-01T10:00:04.000Z', key_id: KEY_B, status: 0 }),
  entry({
    at: '2026-01-01T10:00:05.000Z',
    path: '/v1/secure/data',
    key_id: KEY_B,
    status: 500,
    faults: [finding('replayed_ciphertext', 'again')],
  }),
];
const ids = (...indexes: number[]) => indexes.map((i) => ENTRIES[i]?.id);

async function list(query: string): Promise<{
  status: number;
  body: { requests?: JournalEntry[]; title?: string; detail?: string };
  type: string;
}> {
  const answer = await request(`${base}/_mock/requests${query}`);
  return {
    status: answer.statusCode,
    type: String(answer.headers['content-type']),
    body: (await answer.body.json()) as never,
  };
}

listeningApp({}, (app) => ({ mock, base } = app));

beforeEach(() => {
  mock.deps.journal.clear();
  for (const e of ENTRIES) mock.deps.journal.record(e);
});

describe('GET /_mock/requests filters', () => {
  const cases: Array<[string, Array<string | undefined>]> = [
    ['', ids(5, 4, 3, 2, 1, 0)],
    ['?fault=oaep_mgf1_mismatch', ids(1)],
    ['?status=4xx', ids(3, 2, 1)],
    ['?status=400', ids(2, 1)],
    ['?status=0', ids(4)],
    ['?status=5xx', ids(5)],
    ['?path=secure/data', ids(5, 4, 2, 1)],
    ['?path=/v1/partner/', ids(4, 2, 1, 0)],
    [`?key_id=${KEY_A}`, ids(1, 0)],
    ['?since=2026-01-01T10:00:03.000Z', ids(5, 4, 3)],
    ['?since=2026-01-01T11:00:03%2B01:00', ids(5, 4, 3)],
    ['?limit=2', ids(5, 4)],
    [`?status=4xx&key_id=${KEY_B}`, ids(2)],
    ['?fault=checksum_mismatch&status=2xx', []],
    [`?path=secure&since=2026-01-01T10:00:02.000Z&limit=2`, ids(5, 4)],
  ];
  for (const [query, expected] of cases) {
    it(`${query || 'no filter'} selects ${expected.length} entries, newest first`, async () => {
      const { status, body } = await list(query);
      assert.equal(status, 200);
      assert.deepEqual(
        body.requests?.map((e) => e.id),
        expected,
      );
    });
  }

  const bad: Array<[string, RegExp]> = [
    ['?fault=oaep_mgf1', /not a fault code of the catalogue[\s\S]*at fault/],
    ['?status=4x', /must be a status code[\s\S]*at status/],
    ['?status=600', /at status/],
    ['?key_id=not-a-uuid', /at key_id/],
    ['?since=yesterday', /at since/],
    ['?limit=0', /at limit/],
    ['?limit=1001', /at limit/],
    ['?limit=ten', /at limit/],
    ['?faults=oaep_mgf1_mismatch', /Unrecognized key: "faults"/],
    ['?status=400&status=404', /expected string, received array[\s\S]*at status/],
    [`?path=${'x'.repeat(2049)}`, /at path/],
  ];
  for (const [query, reason] of bad) {
    it(`answers ${query.slice(0, 40)} with a 400 problem document`, async () => {
      const { status, type, body } = await list(query);
      assert.equal(status, 400);
      assert.match(type, /^application\/problem\+json/);
      assert.equal(body.title, 'Invalid control request');
      assert.match(body.detail ?? '', reason);
    });
  }

  it('DELETE empties the journal and says how many entries it held; keys and backups stay', async () => {
    const before = mock.deps.store.counts();
    const answer = await request(`${base}/_mock/requests`, { method: 'DELETE' });
    assert.deepEqual(await answer.body.json(), { cleared: ENTRIES.length });
    assert.equal(mock.deps.journal.size, 0);
    assert.deepEqual(mock.deps.store.counts(), before);
  });
});

/** Reads NDJSON lines from a stream until `until` says stop. */
async function readLines(
  body: AsyncIterable<Buffer>,
  until: (lines: StreamLine[]) => boolean,
): Promise<StreamLine[]> {
  const lines: StreamLine[] = [];
  let pending = '';
  for await (const chunk of body) {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean).map((part) => JSON.parse(part) as StreamLine));
    if (until(lines)) break;
  }
  return lines;
}

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'the condition never held');
};

describe('GET /_mock/requests/stream', () => {
  it('sends the matching backlog oldest first, ready, then only matching live entries, and a clear', async () => {
    const answer = await request(`${base}/_mock/requests/stream?status=4xx`);
    assert.equal(answer.statusCode, 200);
    assert.match(String(answer.headers['content-type']), /^application\/x-ndjson/);
    const lines: StreamLine[] = [];
    const reading = readLines(
      answer.body,
      (got) => (lines.splice(0, lines.length, ...got), got.some((line) => line.type === 'cleared')),
    );
    await waitFor(() => lines.some((line) => line.type === 'ready'));
    const live = entry({
      at: new Date().toISOString(),
      status: 409,
      faults: [finding('duplicate_assignment', 'twice')],
    });
    mock.deps.journal.record(entry({ at: new Date().toISOString(), status: 200 }));
    mock.deps.journal.record(live);
    await waitFor(() => lines.length === 5);
    mock.deps.journal.clear();
    const all = await reading;
    assert.deepEqual(
      all.map((line) => (line.type === 'entry' ? line.entry.id : line.type)),
      [...ids(1, 2, 3), 'ready', live.id, 'cleared'],
    );
    assert.deepEqual(
      all.find((line) => line.type === 'ready'),
      { type: 'ready', count: 3 },
    );
    await waitFor(() => mock.deps.journal.subscribers === 0);
  });

  it('validates its query like the listing', async () => {
    const answer = await request(`${base}/_mock/requests/stream?fault=nope`);
    assert.equal(answer.statusCode, 400);
    assert.match(((await answer.body.json()) as { detail: string }).detail, /at fault/);
    assert.equal(mock.deps.journal.subscribers, 0);
  });

  it('unsubscribes when the reader disconnects', async () => {
    const abort = new AbortController();
    const answer = await request(`${base}/_mock/requests/stream`, { signal: abort.signal });
    await readLines(answer.body, (lines) => lines.some((line) => line.type === 'ready'));
    assert.equal(mock.deps.journal.subscribers, 1);
    abort.abort();
    await waitFor(() => mock.deps.journal.subscribers === 0);
  });

  it('keeps at most 8 streams open: the ninth is a 503 with Retry-After until one closes', async () => {
    const aborts = Array.from({ length: 8 }, () => new AbortController());
    const open = await Promise.all(
      aborts.map((abort) =>
        request(`${base}/_mock/requests/stream?limit=1`, { signal: abort.signal }),
      ),
    );
    assert.deepEqual(
      open.map((answer) => answer.statusCode),
      Array(8).fill(200),
    );
    await waitFor(() => mock.deps.journal.subscribers === 8);
    const ninth = await request(`${base}/_mock/requests/stream`);
    assert.equal(ninth.statusCode, 503);
    assert.equal(ninth.headers['retry-after'], '5');
    assert.equal(
      ((await ninth.body.json()) as { title: string }).title,
      'Too many journal streams',
    );
    aborts[0]?.abort();
    await waitFor(() => mock.deps.journal.subscribers === 7);
    const again = new AbortController();
    assert.equal(
      (await request(`${base}/_mock/requests/stream`, { signal: again.signal })).statusCode,
      200,
    );
    for (const abort of [...aborts, again]) abort.abort();
    await waitFor(() => mock.deps.journal.subscribers === 0);
  });

  it('cuts off a reader that reads nothing once its unread output passes the bound', async () => {
    const journal = new Journal(100);
    const app = express().get(
      '/stream',
      journalStream(journal, { connections: 2, bufferBytes: 64 * 1024, heartbeatMs: 60_000 }),
    );
    const small = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => small.once('listening', resolve));
    try {
      const answer = await request(
        `http://127.0.0.1:${(small.address() as AddressInfo).port}/stream`,
      );
      assert.equal(answer.statusCode, 200);
      assert.equal(journal.subscribers, 1);
      // Never read: each entry is ~10 kB, so the kernel's socket buffers fill and then the bound trips.
      const big = finding('request_invalid', 'x'.repeat(10_000));
      for (let i = 0; i < 5000 && journal.subscribers > 0; i++) {
        journal.record(entry({ at: new Date().toISOString(), faults: [big] }));
        if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await waitFor(() => journal.subscribers === 0);
      await answer.body.dump().catch(() => {});
    } finally {
      small.closeAllConnections();
      small.close();
    }
  });
});
