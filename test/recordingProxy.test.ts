import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fetch, ProxyAgent } from 'undici';
import { REFUSED_BODY, startRecordingProxy, type ProxyRequest } from '../runner/recordingProxy.ts';

type Proxy = Awaited<ReturnType<typeof startRecordingProxy>>;

/** The recorded requests without the volatile timestamp (checked to be ISO-8601 instead). */
function withoutTime(requests: ProxyRequest[]) {
  return requests.map(({ at, ...rest }) => {
    assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    return rest;
  });
}

/** Writes raw bytes to the proxy and collects everything it answers until it closes. */
async function raw(proxy: Proxy, bytes: string): Promise<string> {
  const { port } = new URL(proxy.url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {}); // a reset after the answer is fine
  let answer = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
  socket.end(bytes);
  await once(socket, 'close');
  return answer;
}

const curl = spawnSync('curl', ['--version']).error ? null : 'curl';

describe('startRecordingProxy', () => {
  let proxy: Proxy;
  before(async () => {
    proxy = await startRecordingProxy();
  });
  after(() => proxy.close());

  it('listens on loopback only', () => {
    assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses an HTTPS request through CONNECT and records the host and port', async () => {
    const before = proxy.requests().length;
    const agent = new ProxyAgent(proxy.url);
    try {
      await assert.rejects(
        fetch('https://service.uat-keys.coincover.com/v1/partner/keys', { dispatcher: agent }),
      );
    } finally {
      await agent.close();
    }
    assert.deepEqual(withoutTime(proxy.requests().slice(before)), [
      {
        method: 'CONNECT',
        host: 'service.uat-keys.coincover.com',
        port: 443,
        url: 'service.uat-keys.coincover.com:443',
      },
    ]);
  });

  it('refuses a plain HTTP request in absolute form with 403 and records it', async () => {
    const before = proxy.requests().length;
    const { port } = new URL(proxy.url);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'GET',
      path: 'http://example.test/x',
      headers: { host: 'example.test' },
    }).end();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    let body = '';
    for await (const chunk of res) body += chunk;
    assert.equal(res.statusCode, 403);
    assert.equal(body, REFUSED_BODY);
    assert.deepEqual(withoutTime(proxy.requests().slice(before)), [
      { method: 'GET', host: 'example.test', port: 80, url: 'http://example.test/x' },
    ]);
  });

  it('answers CONNECT with 403 and Connection: close, then ends the socket', async () => {
    const answer = await raw(
      proxy,
      'CONNECT orchestrator.uat-control.coincover.com:8443 HTTP/1.1\r\nHost: orchestrator.uat-control.coincover.com:8443\r\n\r\n',
    );
    assert.match(answer, /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.match(answer, /\r\nConnection: close\r\n/);
    assert.ok(
      proxy
        .requests()
        .some((r) => r.host === 'orchestrator.uat-control.coincover.com' && r.port === 8443),
    );
  });

  it('never dials the CONNECT target, even one that is listening', async () => {
    let dialled = 0;
    const target = createServer((socket) => {
      dialled++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const { port } = target.address() as AddressInfo;
    try {
      const answer = await raw(
        proxy,
        `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      );
      assert.match(answer, /^HTTP\/1\.1 403 /);
      assert.equal(dialled, 0);
      assert.ok(proxy.requests().some((r) => r.host === '127.0.0.1' && r.port === port));
    } finally {
      target.close();
    }
  });

  it('survives malformed input and keeps serving', async () => {
    assert.match(await raw(proxy, 'this is not HTTP\r\n\r\n'), /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(
      await raw(
        proxy,
        'GET http://a.test/ HTTP/1.1\r\nHost: a.test\r\nContent-Length: nope\r\n\r\n',
      ),
      /^HTTP\/1\.1 400 /,
    );
    await raw(proxy, 'CONNECT'); // cut off mid-line
    const { port } = new URL(proxy.url);
    const half = connect(Number(port), '127.0.0.1');
    half.on('error', () => {});
    half.destroy(); // a reset before any byte
    assert.match(
      await raw(proxy, 'GET http://still-up.test/ HTTP/1.1\r\nHost: still-up.test\r\n\r\n'),
      /^HTTP\/1\.1 403 /,
    );
    assert.ok(proxy.requests().some((r) => r.host === 'still-up.test'));
  });

  it(
    'records the host curl asks for through -x',
    { skip: curl ? false : 'curl is not installed' },
    async () => {
      const before = proxy.requests().length;
      // A clean environment: a NO_PROXY inherited from the machine could make curl go direct.
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          'curl',
          ['-sS', '--max-time', '10', '-x', proxy.url, 'https://service.keys.coincover.com/'],
          { env: { PATH: process.env.PATH ?? '' } },
          (error, _stdout, stderr) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
        );
      });
      assert.notEqual(result.code, 0, 'curl must fail: the proxy refuses the tunnel');
      assert.match(result.stderr, /403/);
      assert.deepEqual(withoutTime(proxy.requests().slice(before)), [
        {
          method: 'CONNECT',
          host: 'service.keys.coincover.com',
          port: 443,
          url: 'service.keys.coincover.com:443',
        },
      ]);
    },
  );
});

describe('RecordingProxy.close', () => {
  it('destroys open sockets and stops listening', async () => {
    const proxy = await startRecordingProxy();
    const { port } = new URL(proxy.url);
    const idle: Socket = connect(Number(port), '127.0.0.1');
    idle.on('error', () => {});
    await once(idle, 'connect');
    idle.write('GET http://slow.test/ HTTP/1.1\r\n'); // headers never finished: the socket stays open
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([proxy.close(), once(idle, 'close')]);
    const refused = connect(Number(port), '127.0.0.1');
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    assert.equal(error.code, 'ECONNREFUSED');
  });
});
