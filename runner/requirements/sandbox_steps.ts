/**
 * A sandbox URL left in production configuration: the client's production profile is run behind
 * a recorder that refuses every connection and remembers the hosts asked for; the client reports
 * the endpoints its production profile uses (functions mode's `endpoints`), which shows the JWKS
 * host the refused first request hides; and the production configuration files are linted.
 */
import { Then, When } from '@cucumber/cucumber';
import { checkConfigFiles, isSandboxHost } from '../checkConfig.ts';
import { startRecordingProxy } from '../recordingProxy.ts';
import { callFunctions } from './functions_steps.ts';
import type { ConformanceWorld } from './world.ts';

/** The proxy for every HTTP stack we know of: the usual variables, and the JVM's system properties. */
export function proxyEnvironment(proxyUrl: string): Record<string, string> {
  const { hostname, port } = new URL(proxyUrl);
  const jvm = ['https', 'http'].flatMap((scheme) => [
    `-D${scheme}.proxyHost=${hostname}`,
    `-D${scheme}.proxyPort=${port}`,
  ]);
  // The JDK's default nonProxyHosts skips localhost only; nothing here should bypass the recorder.
  return {
    HTTPS_PROXY: proxyUrl,
    HTTP_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    http_proxy: proxyUrl,
    JAVA_TOOL_OPTIONS: [...jvm, '-Dhttp.nonProxyHosts='].join(' '),
  };
}

/** The production profile's environment: no base or JWKS URL, so the client uses its deployed defaults. */
function productionEnv(
  world: ConformanceWorld,
  extra: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {
    ...world.contractEnv('HOT', { plaintext: true }),
    ...extra,
    COINCOVER_PROFILE: 'production',
  };
  delete env.COINCOVER_BASE_URL;
  delete env.COINCOVER_JWKS_URL;
  return env;
}

When(
  'the client runs with its production configuration behind a recording proxy',
  async function (this: ConformanceWorld) {
    const proxy = await startRecordingProxy();
    try {
      await this.runClient(productionEnv(this, proxyEnvironment(proxy.url)));
    } finally {
      this.proxied = proxy.requests();
      await proxy.close();
    }
  },
);

Then('it reached for no CoinCover sandbox host', async function (this: ConformanceWorld) {
  const requests = this.proxied;
  const sandbox = requests.filter((r) => isSandboxHost(r.host));
  const hosts = [...new Set(requests.map((r) => `${r.host}:${r.port}`))];
  if (sandbox.length > 0) {
    await this.fail([
      {
        code: 'sandbox_url_in_production',
        message: `with its production configuration the client connects to the CoinCover sandbox (${[...new Set(sandbox.map((r) => r.host))].join(', ')})`,
        evidence: { hosts },
      },
    ]);
  }
  await this.failUnlessCompleted(false);
  if (requests.length === 0) {
    return this.notChecked(
      'the client sent nothing through the recording proxy, so the hosts it uses in production could not be observed.',
      'honour HTTPS_PROXY/HTTP_PROXY (the runner also sets JAVA_TOOL_OPTIONS with -Dhttps.proxyHost/-Dhttps.proxyPort for JVM clients, which java.net.http.HttpClient uses through the default ProxySelector), or answer the functions-mode "endpoints" request.',
    );
  }
  await this.observe(
    `With its production configuration the client asked the proxy for ${hosts.join(', ')}: no sandbox host.`,
  );
  return undefined;
});

When(
  'the client reports the endpoints of its production configuration',
  async function (this: ConformanceWorld) {
    const env = productionEnv(this, {});
    const result = await callFunctions(this, [{ op: 'endpoints' }], env);
    if (result === 'skipped') return 'skipped';
    this.answers = result;
    return undefined;
  },
);

Then(
  'neither its base URL nor its JWKS URL is a CoinCover sandbox host',
  async function (this: ConformanceWorld) {
    const answer = this.answers?.[0];
    if (!answer) return 'skipped';
    if (
      answer.missing ||
      typeof answer.base_url !== 'string' ||
      typeof answer.jwks_url !== 'string'
    ) {
      await this.fail([
        {
          code: 'result_line_invalid',
          message: `the answer to "endpoints" ${answer.missing ? 'is missing' : 'needs the strings base_url and jwks_url'}`,
          evidence: { field: typeof answer.base_url !== 'string' ? 'base_url' : 'jwks_url' },
        },
      ]);
    }
    const urls = { base_url: String(answer.base_url), jwks_url: String(answer.jwks_url) };
    const sandbox = Object.entries(urls).filter(([, url]) => isSandboxHost(url));
    if (sandbox.length > 0) {
      await this.fail(
        sandbox.map(([field, url]) => ({
          code: 'sandbox_url_in_production' as const,
          message: `in its production configuration the client's ${field} is ${url}, a CoinCover sandbox host`,
          evidence: { field, url },
        })),
      );
    }
    await this.observe(
      `Production endpoints: base ${urls.base_url}, JWKS ${urls.jwks_url}: no sandbox host.`,
    );
    return undefined;
  },
);

When('the production configuration files are checked', async function (this: ConformanceWorld) {
  if (this.settings.configFiles.length > 0) return undefined;
  return this.notChecked(
    'no production configuration files were given.',
    'pass them with coincover-mock run --config FILE (repeatable: .env, .json, .yaml).',
  );
});

Then('none of them points at a CoinCover sandbox host', async function (this: ConformanceWorld) {
  const { findings, errors } = checkConfigFiles(this.settings.configFiles);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  if (findings.length > 0) {
    await this.fail(
      findings.map((f) => ({
        code: 'sandbox_url_in_production' as const,
        message: `${f.file}:${f.line}: ${f.key} points at the sandbox host ${f.host}`,
        evidence: { file: f.file, line: f.line, key: f.key },
      })),
    );
  }
  await this.observe(
    `${this.settings.configFiles.length} configuration file(s) checked: no sandbox host.`,
  );
});
