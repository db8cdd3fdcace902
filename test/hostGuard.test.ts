/**
 * The Host allow-list beyond the control plane: /v1 refuses DNS-rebinding Hosts too, names given
 * with --allowed-hosts are served, and the OpenAPI document names the address the request reached,
 * never the Host header it carried.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { request } from 'undici';
import type { MockApp } from '../mock-server/app.ts';
import { hostnameOf, hostRule } from '../mock-server/http/hostGuard.ts';
import { listeningApp } from './support/listeningApp.ts';

let mock: MockApp;
let base: string;

listeningApp({ allowedHosts: 'mock.internal', quiet: true }, (app) => ({ mock, base } = app));

const get = async (path: string, host: string) => {
  const answer = await request(`${base}${path}`, {
    headers: { host, authorization: 'Bearer test-partner-key' },
  });
  return { status: answer.statusCode, text: await answer.body.text() };
};

describe('the Host allow-list', () => {
  it('reads hostnames as a browser would send them', () => {
    assert.equal(hostnameOf('LocalHost:4010'), 'localhost');
    assert.equal(hostnameOf('[::1]:4010'), '::1');
    assert.equal(hostnameOf('localhost.'), 'localhost');
    assert.equal(hostnameOf('a@b'), null);
    assert.equal(hostnameOf('a/b'), null);
    const allowed = hostRule('127.0.0.1', ['Mock.Internal']);
    assert.deepEqual(
      [
        '127.0.0.1',
        '::1',
        '10.0.0.7',
        'localhost',
        'ui.localhost',
        'mock.internal',
        'attacker.example',
        'localhost.attacker.example',
      ].map(allowed),
      [true, true, true, true, true, true, false, false],
    );
  });

  it('answers /v1 and the JWKS on a DNS-rebinding Host with 421 in the /v1 error shape', async () => {
    for (const path of [
      '/v1/keys/5eed0000-0000-4000-8000-000000000001/verify',
      '/.well-known/jwks.json',
    ]) {
      const answer = await get(path, 'attacker.example');
      assert.equal(answer.status, 421, path);
      assert.deepEqual(Object.keys(JSON.parse(answer.text) as object).sort(), ['error', 'message']);
    }
  });

  it('serves a name given with --allowed-hosts, on /v1 and /_mock', async () => {
    assert.equal(
      (await get('/v1/keys/5eed0000-0000-4000-8000-000000000001/verify', 'mock.internal:4010'))
        .status,
      404,
    );
    assert.equal((await get('/_mock/health', 'mock.internal')).status, 200);
  });

  it('names the address the request reached in the OpenAPI servers, whatever the Host said', async () => {
    const answer = await get('/_mock/openapi.json', 'localhost:1234');
    assert.equal(answer.status, 200);
    assert.equal(
      (JSON.parse(answer.text) as { servers: Array<{ url: string }> }).servers[0]?.url,
      base,
    );
    assert.doesNotMatch(answer.text, /localhost:1234/);
  });
});
