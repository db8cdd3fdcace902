/** A mock app on a free loopback port for one test file: started before its tests, stopped after. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { createApp, type MockApp } from '../../mock-server/app.ts';
import { buildConfig, type ConfigInput } from '../../mock-server/config.ts';

export function listeningApp(
  input: ConfigInput,
  started: (app: { mock: MockApp; base: string }) => void,
): void {
  let mock: MockApp | undefined;
  let server: ReturnType<MockApp['app']['listen']> | undefined;
  before(async () => {
    mock = createApp(buildConfig({ port: 0, poolSize: 0, ...input }));
    server = mock.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    started({ mock, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  after(() => {
    server?.closeAllConnections();
    server?.close();
    mock?.close();
  });
}
