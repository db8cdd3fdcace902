// The Node API, both entry points: in-process (ES modules) and in a child process (CommonJS).
import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, publicEncrypt } from 'node:crypto';
import { describe, it } from 'node:test';
import * as esm from '../mock-server/api/index.ts';
import * as cjs from '../mock-server/api/index.cts';
import type { ConfigInput } from '../mock-server/config.ts';
import type { MockOptions } from '../mock-server/api/mockHandle.cts';

// Every serve option is a startMock option, and nothing else is: a missing or extra one turns
// `true` into the names of the options, and the compile fails.
type Internal = 'quiet' | 'enclaveKeyFiles' | 'jwtIssuerKeyFile';
type Missing = Exclude<keyof ConfigInput, keyof MockOptions | Internal>;
type Extra = Exclude<keyof MockOptions, keyof ConfigInput | 'log'>;
const optionsInStep: [Missing, Extra] extends [never, never] ? true : [Missing, Extra] = true;
void optionsInStep;

const ASSIGN = {
  user_identifier: 'api@acme.io',
  key_type: 'rsa4096',
  key_environment: 'HOT',
  organisation: { customer_id: 'org-api', customer_name: 'Acme' },
  package: { package_id: 'pkg-api', package_name: 'Main' },
};

async function post(url: string, key: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

for (const [name, api] of [
  ['ES module (in-process)', esm],
  ['CommonJS (child process)', cjs],
] as const) {
  describe(`startMock, ${name}`, () => {
    it('passes strictRequests and validationErrors: an unknown field is a warning by default, a 400 keyed by field under both', async (t) => {
      const faithful = await api.startMock();
      t.after(() => faithful.close());
      const accepted = await post(`${faithful.url}/v1/keys`, faithful.apiKeys.standard, {
        user_identifier: 'api-warn@acme.io',
        key_type: 'ed25519',
        colour: 'red',
      });
      assert.equal(accepted.status, 200);
      assert.equal(
        accepted.headers.get('x-mock-faults'),
        'field_unknown,key_environment_defaulted',
      );
      const strict = await api.startMock({ strictRequests: true, validationErrors: 'object' });
      t.after(() => strict.close());
      const refused = await post(`${strict.url}/v1/keys`, strict.apiKeys.standard, {
        user_identifier: 'api-warn@acme.io',
        key_type: 'ed25519',
        colour: 'red',
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(await refused.json(), {
        error: 'Bad Request',
        message: { colour: ['is not a recognised field'] },
      });
    });

    it('starts on a free port, silently, and runs the whole flow: assign, store, journal, faults, tokens, reset', async (t) => {
      const printed: string[] = [];
      const log = t.mock.method(console, 'log', (line: string) => printed.push(line));
      const mock = await api.startMock();
      t.after(() => mock.close());
      log.mock.restore();
      assert.deepEqual(printed, [], 'startMock prints nothing unless asked');
      assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(mock.jwksUrl, `${mock.url}/.well-known/jwks.json`);
      assert.deepEqual(mock.apiKeys, {
        partner: 'test-partner-key',
        standard: 'test-standard-key',
      });

      const assigned = await post(`${mock.url}/v1/partner/keys`, mock.apiKeys.partner, ASSIGN);
      assert.equal(assigned.status, 200);
      const { public_key } = (await assigned.json()) as { public_key: string };
      const plaintext = Buffer.from('api test material', 'utf8');
      const key = createPublicKey({
        key: Buffer.from(public_key, 'hex'),
        format: 'der',
        type: 'spki',
      });
      const data = publicEncrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        plaintext,
      ).toString('base64');
      const stored = await post(`${mock.url}/v1/partner/secure/data`, mock.apiKeys.partner, {
        public_key,
        data,
        checksum: createHash('sha256').update(plaintext).digest('hex'),
      });
      assert.equal(stored.status, 200);
      const id = stored.headers.get('x-request-id') as string;
      const entry = await mock.journal(id);
      assert.equal(entry.id, id);
      assert.equal(entry.status, 200);
      assert.deepEqual(entry.faults, []);
      assert.ok((await mock.journal()).some((e) => e.id === id));

      await mock.armFault('internal_error', 1);
      assert.equal(
        (
          await post(`${mock.url}/v1/partner/keys`, mock.apiKeys.partner, {
            ...ASSIGN,
            user_identifier: 'other@acme.io',
          })
        ).status,
        500,
      );

      const token = await mock.mintToken(['partner-endpoint'], 60);
      assert.equal(
        (
          await post(`${mock.url}/v1/partner/keys`, token, {
            ...ASSIGN,
            user_identifier: 'token@acme.io',
          })
        ).status,
        200,
      );

      await mock.reset();
      assert.deepEqual(await mock.journal(), []);
      await assert.rejects(mock.journal(id), /404/);
      await mock.close();
      await mock.close();
      await assert.rejects(fetch(`${mock.url}/_mock/health`));
    });

    it('rejects invalid options naming the option', async () => {
      await assert.rejects(api.startMock({ port: 'abc' as unknown as number }), {
        name: 'TypeError',
        message: /option port must be an integer from 0 to 65535/,
      });
      await assert.rejects(api.startMock({ colour: 'blue' } as unknown as MockOptions), /colour/);
      await assert.rejects(
        api.startMock({ environment: 'staging' as 'uat' }),
        /option environment/,
      );
      await assert.rejects(
        api.startMock({ log: 'yes' as unknown as boolean }),
        /option log must be a boolean or a function/,
      );
    });

    it('sends the control token when one is configured, and uses the API keys given', async (t) => {
      const mock = await api.startMock({
        controlToken: 'control-token-0123456789',
        partnerApiKeys: ['partner-key-of-the-test'],
      });
      t.after(() => mock.close());
      assert.equal(mock.apiKeys.partner, 'partner-key-of-the-test');
      assert.equal((await fetch(`${mock.url}/_mock/requests`)).status, 401);
      assert.deepEqual(await mock.journal(), []);
    });

    it('hands lines to a log function when asked: the ready line first', async (t) => {
      const lines: string[] = [];
      const mock = await api.startMock({ log: (line) => lines.push(line) });
      t.after(() => mock.close());
      await (await fetch(mock.jwksUrl)).arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.match(lines[0] ?? '', /^coincover-mock ready at http:\/\/127\.0\.0\.1:\d+ /);
      assert.ok(
        lines.some((line) => line.startsWith('GET /.well-known/jwks.json 200')),
        lines.join('\n'),
      );
    });
  });
}
