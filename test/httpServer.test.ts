/**
 * The HTTP server under slow, oversized and interrupted clients: a 413 comes before `100 Continue`
 * for a body announced too large, and after the rest of the body for a client that sends it all
 * before reading (Python's urllib, Java's HttpClient), so the client reads it instead of a reset;
 * the limits on slow and idle connections and concurrent uploads are in place; and stopping the
 * server (SIGTERM, or close()) lets a request in flight get its answer.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startMockProcess } from '../mock-server/api/mockProcess.cts';
import { buildConfig } from '../mock-server/config.ts';
import { createHttpServer, SERVER_LIMITS } from '../mock-server/http/server.ts';
import { serve, type RunningMock } from '../mock-server/main.ts';
import { MESSAGES } from '../mock-server/errors.ts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';

let mock: RunningMock;
let port = 0;

before(async () => {
  mock = await serve(buildConfig({ port: 0, poolSize: 0, quiet: true, seedFiles: TEST_SEEDS }));
  port = Number(new URL(mock.url).port);
});

after(() => mock.close());

function open(at = port): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(at, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection (or an error, as text). */
function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('error', (error) => resolve(`${text}<${(error as NodeJS.ErrnoException).code}>`));
    socket.once('close', () => resolve(text));
  });
}

const multipartHead = (length: number, extra = '') =>
  `POST /v1/partner/secure/file HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer test-partner-key\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('the HTTP server', () => {
  it('answers 413 before 100 Continue for an upload announced over the limit', async () => {
    const socket = await open();
    const answer = readAll(socket);
    socket.write(multipartHead(11_000_000, 'Expect: 100-continue\r\n'));
    const text = await answer;
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.ok(
      text.includes(
        JSON.stringify({ error: 'Payload Too Large', message: MESSAGES.PAYLOAD_TOO_LARGE }),
      ),
      text.slice(0, 300),
    );
  });

  it('sends 100 Continue for an upload within the limit', async () => {
    const socket = await open();
    socket.setEncoding('latin1');
    const first = new Promise<string>((resolve) => socket.once('data', resolve));
    socket.write(multipartHead(1000, 'Expect: 100-continue\r\n'));
    assert.match(await first, /^HTTP\/1\.1 100 Continue/);
    socket.destroy();
  });

  it('reads the rest of an oversized body before answering 413, so a client that writes it all first reads the answer', async () => {
    const socket = await open();
    // Like urllib: nothing is read until the whole body is written.
    socket.pause();
    const body = Buffer.alloc(11_000_000, 0x61);
    const written = new Promise<void>((resolve) =>
      socket.write(Buffer.concat([Buffer.from(multipartHead(body.length)), body]), () => resolve()),
    );
    const failed = new Promise<void>((resolve) => socket.once('error', () => resolve()));
    const waited = (ms: number) =>
      new Promise<string>((resolve) => setTimeout(() => resolve('<no answer>'), ms).unref());
    await Promise.race([written, failed, waited(15_000)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answer = readAll(socket);
    socket.resume();
    const text = await Promise.race([answer, waited(10_000)]);
    socket.destroy();
    assert.match(text, /^HTTP\/1\.1 413 /, text.slice(0, 200));
    assert.ok(text.includes(MESSAGES.PAYLOAD_TOO_LARGE));
  });

  it('holds the documented limits on slow and idle connections', () => {
    assert.deepEqual(SERVER_LIMITS, {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      socketIdleMs: 30_000,
      maxConnections: 256,
      shutdownGraceMs: 10_000,
    });
  });

  it('closes a connection idle past the limit, but never one whose answer the mock is still working on', async () => {
    const limits = { ...SERVER_LIMITS, socketIdleMs: 150, shutdownGraceMs: 100 };
    const slow = createHttpServer(
      (_req, res) => void setTimeout(() => res.end('done'), 600),
      () => 1024,
      limits,
    );
    await new Promise<void>((resolve) => slow.server.listen(0, '127.0.0.1', resolve));
    const at = (slow.server.address() as { port: number }).port;
    try {
      const working = await open(at);
      const answer = readAll(working);
      working.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      assert.match(await answer, /^HTTP\/1\.1 200 [\s\S]*done$/);
      const idle = await open(at);
      assert.equal(await readAll(idle), '');
    } finally {
      await slow.close();
    }
  });

  it('reads at most 8 uploads at once; the others wait unread, then proceed', async () => {
    const health = async () =>
      (
        (await (await request(`${mock.url}/_mock/health`)).body.json()) as {
          uploads: { reading: number; waiting: number };
        }
      ).uploads;
    const sockets = await Promise.all(Array.from({ length: 10 }, () => open()));
    const part = `--b\r\nContent-Disposition: form-data; name="file"; filename="w.enc"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    for (const socket of sockets) socket.write(multipartHead(5000) + part);
    for (let i = 0; i < 50 && (await health()).waiting < 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(await health(), { reading: 8, waiting: 2, slots: 8 });
    for (const socket of sockets) socket.destroy();
    for (let i = 0; i < 50 && (await health()).reading > 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(await health(), { reading: 0, waiting: 0, slots: 8 });
  });

  it('answers a request in flight when stopped by SIGTERM, then exits', async () => {
    const child = await startMockProcess([
      ...TEST_SEEDS.flatMap((f) => ['--seed', f]),
      '--pool-size',
      '0',
    ]);
    const { port: childPort } = new URL(child.url);
    const socket = await open(Number(childPort));
    const answer = readAll(socket);
    const body = JSON.stringify({
      user_identifier: 'sigterm@example.test',
      key_type: 'rsa4096',
      key_environment: 'HOT',
      organisation: { customer_id: 'org-stop' },
      package: {},
    });
    socket.write(
      `POST /v1/partner/keys HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-partner-key\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise<number | null>((resolve) =>
      child.child.once('exit', (code) => resolve(code)),
    );
    child.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(20));
    const text = await answer;
    assert.match(text, /^HTTP\/1\.1 200 /, text.slice(0, 300));
    assert.match(text, /connection: close/i);
    assert.equal(await exited, 0);
  });
});
