/**
 * The contract's rules every client follows (docs/client-contract.md, Environment): plain
 * http:// only to the local machine, refused before any request with an error naming the
 * variable; and nothing secret on stdout or stderr, in any encoding.
 */
import { Then, When } from '@cucumber/cucumber';
import { RUNNER_SECRETS } from '../recoveryMaterial.ts';
import { findSecret } from '../redaction.ts';
import { startRecordingProxy } from '../recordingProxy.ts';
import { proxyEnvironment } from './sandbox_steps.ts';
import type { ConformanceWorld } from './world.ts';

/** A name under .test (RFC 2606) never resolves: only the recording proxy could see a connection. */
export const NON_LOCAL_HTTP_URL = 'http://service.keys.coincover-conformance.test';

When(
  'the client is given a plain http:\\/\\/ base URL for a non-local host',
  async function (this: ConformanceWorld) {
    const proxy = await startRecordingProxy();
    try {
      await this.runClient({
        ...this.contractEnv('HOT', { plaintext: true }),
        ...proxyEnvironment(proxy.url),
        COINCOVER_BASE_URL: NON_LOCAL_HTTP_URL,
      });
    } finally {
      this.proxied = proxy.requests();
      await proxy.close();
    }
  },
);

Then(
  'it refuses before any connection, naming the variable',
  async function (this: ConformanceWorld) {
    const connections = [
      ...this.proxied.map((r) => `${r.host}:${r.port} (proxy)`),
      ...this.entries.map((e) => `${e.method} ${e.path} (mock)`),
    ];
    if (connections.length > 0) {
      await this.fail([
        {
          code: 'insecure_url_accepted',
          message: `given COINCOVER_BASE_URL=${NON_LOCAL_HTTP_URL}, the client connected (${connections.join(', ')}) instead of refusing the plain http:// URL`,
          evidence: { request_ids: this.entries.map((e) => e.id), connections },
        },
      ]);
    }
    await this.failUnlessCompleted(false);
    if (this.run?.exitCode === 0)
      await this.fail([
        {
          code: 'insecure_url_accepted',
          message: `given COINCOVER_BASE_URL=${NON_LOCAL_HTTP_URL}, the client exited 0`,
          evidence: { exit_code: 0 },
        },
      ]);
    if (!this.run?.stderrTail.includes('COINCOVER_BASE_URL')) {
      await this.clientFailed(
        'the client refused the plain http:// base URL, but its error on stderr does not name the variable COINCOVER_BASE_URL',
      );
    }
    await this.observe(
      `Refused (exit ${this.run?.exitCode}) with no connection, naming COINCOVER_BASE_URL.`,
    );
  },
);

Then('nothing secret is on its stdout or stderr', async function (this: ConformanceWorld) {
  const run = this.run;
  if (!run) throw new Error('the client was not run');
  const found = [
    ['stdout', `${run.stdout}\n${run.stdoutTail}`],
    ['stderr', `${run.stderrHead}\n${run.stderrTail}`],
  ].flatMap(([stream, text]) => {
    const hit = findSecret(text ?? '', RUNNER_SECRETS);
    return hit ? [{ stream: stream ?? '', ...hit }] : [];
  });
  if (found.length > 0) {
    await this.fail(
      found.map((f) => ({
        code: 'secret_in_output' as const,
        message: `the client's ${f.stream} holds the ${f.label} (${f.form})`,
        evidence: { stream: f.stream, secret: f.label, encoding: f.form },
      })),
    );
  }
  await this.failUnlessCompleted(true);
  await this.observe(
    `No API key or recovery material on stdout (${run.stdoutBytes} bytes) or stderr (${run.stderrBytes} bytes), in plain, hex, base64 or base64url.`,
  );
});
