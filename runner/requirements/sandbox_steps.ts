/**
 * A sandbox URL left in production configuration: the client's production profile is run behind
 * a recorder that refuses every connection and remembers the hosts asked for, and the production
 * configuration files are linted.
 */
import { Then, When } from '@cucumber/cucumber';
import { checkConfigFiles, isSandboxHost } from '../checkConfig.ts';
import { startRecordingProxy, type ProxyRequest } from '../recordingProxy.ts';
import type { ConformanceWorld } from './world.ts';

const recorded = new WeakMap<ConformanceWorld, ProxyRequest[]>();

When('the client runs with its production configuration behind a recording proxy', async function (this: ConformanceWorld) {
  const proxy = await startRecordingProxy();
  try {
    const env = this.contractEnv('HOT', { plaintext: true });
    delete env.COINCOVER_BASE_URL;
    delete env.COINCOVER_JWKS_URL;
    await this.runClient({ ...env, COINCOVER_PROFILE: 'production', HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, https_proxy: proxy.url, http_proxy: proxy.url });
    recorded.set(this, proxy.requests());
  } finally {
    await proxy.close();
  }
});

Then('it reached for no CoinCover sandbox host', async function (this: ConformanceWorld) {
  const requests = recorded.get(this) ?? [];
  const sandbox = requests.filter((r) => isSandboxHost(r.host));
  if (sandbox.length > 0) {
    await this.fail([
      {
        code: 'sandbox_url_in_production',
        message: `with its production configuration the client connects to the CoinCover sandbox (${[...new Set(sandbox.map((r) => r.host))].join(', ')})`,
        evidence: { hosts: [...new Set(requests.map((r) => `${r.host}:${r.port}`))] },
      },
    ]);
  }
  if (requests.length === 0) {
    await this.attach('The client sent nothing through HTTPS_PROXY/HTTP_PROXY, so the hosts it uses in production could not be observed.', 'text/plain');
    return 'skipped';
  }
  return undefined;
});

When('the production configuration files are checked', async function (this: ConformanceWorld) {
  if (this.settings.configFiles.length > 0) return undefined;
  await this.attach('No production configuration files were given (coincover-mock run --config FILE).', 'text/plain');
  return 'skipped';
});

Then('none of them points at a CoinCover sandbox host', async function (this: ConformanceWorld) {
  const { findings, errors } = checkConfigFiles(this.settings.configFiles);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  if (findings.length > 0) {
    await this.fail(findings.map((f) => ({ code: 'sandbox_url_in_production' as const, message: `${f.file}:${f.line}: ${f.key} points at the sandbox host ${f.host}`, evidence: { file: f.file, line: f.line, key: f.key } })));
  }
});
