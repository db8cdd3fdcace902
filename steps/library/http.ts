/**
 * Raw HTTP, for what no other step says: any method, path, JSON doc string, body or header. Paths
 * and bodies may name the scenario's values as placeholders (see PLACEHOLDERS).
 */
import { randomUUID } from 'node:crypto';
import { defineStep } from '../support/defineStep.ts';
import type { CoinCoverWorld, Method } from '../support/world.ts';

/** `{{name}}` in a path or body: the scenario's value, looked up when the step runs. */
const PLACEHOLDERS: Record<string, (world: CoinCoverWorld) => string> = {
  uuid: () => randomUUID(),
  key_id: (w) => w.key().keyId,
  public_key: (w) => w.key().publicKey,
  backup_id: (w) => w.backup().backupId,
  file_id: (w) => w.backup('the file').backupId,
  user_identifier: (w) => w.customer.userIdentifier,
  customer_id: (w) => w.customer.customerId,
  package_id: (w) => w.customer.packageId,
};

const PLACEHOLDER_DOC = `Placeholders: ${Object.keys(PLACEHOLDERS)
  .map((name) => `{{${name}}}`)
  .join(
    ', ',
  )} (a fresh UUID, the key's id and public key, the backup's and the file's ids, the scenario's user, organisation and package).`;

export function fillPlaceholders(world: CoinCoverWorld, text: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = PLACEHOLDERS[name];
    if (!value)
      throw new Error(
        `unknown placeholder ${whole}${world.where()}; known: ${Object.keys(PLACEHOLDERS).join(', ')}`,
      );
    return value(world);
  });
}

defineStep(
  {
    domain: 'http',
    keyword: 'When',
    text: '{method} {string} is sent',
    parameters: { method: 'the HTTP method', string: 'the path, with placeholders' },
    example: 'When GET "/_mock/health" is sent',
    description: `A request with no body, with the scenario's credentials. ${PLACEHOLDER_DOC}`,
  },
  async function (method: Method, path: string) {
    await this.send(method, fillPlaceholders(this, path));
  },
);

defineStep(
  {
    domain: 'http',
    keyword: 'When',
    text: '{method} {string} is sent with the JSON body:',
    parameters: {
      method: 'the HTTP method',
      string: 'the path',
      docString: 'the JSON body, with placeholders',
    },
    example:
      'When POST "/v1/keys" is sent with the JSON body:\n  """\n  {"user_identifier": "a@b.test", "key_type": "secp256r1"}\n  """',
    description: `The doc string is sent as it is (after placeholders) as application/json. ${PLACEHOLDER_DOC}`,
  },
  async function (method: Method, path: string, body: string) {
    await this.send(method, fillPlaceholders(this, path), {
      rawBody: fillPlaceholders(this, body),
      headers: { 'content-type': 'application/json' },
    });
  },
);

defineStep(
  {
    domain: 'http',
    keyword: 'When',
    text: '{method} {string} is sent with an empty JSON body',
    parameters: { method: 'the HTTP method', string: 'the path' },
    example: 'When POST "/v1/partner/keys" is sent with an empty JSON body',
    description: `The body {} as application/json (no body for GET). ${PLACEHOLDER_DOC}`,
  },
  async function (method: Method, path: string) {
    await this.send(method, fillPlaceholders(this, path), method === 'GET' ? {} : { json: {} });
  },
);

defineStep(
  {
    domain: 'http',
    keyword: 'When',
    text: '{method} {string} is sent with the body {string} as {string}',
    parameters: {
      method: 'the HTTP method',
      string: 'the path, the body as it is, its content type',
    },
    example:
      'When POST "/v1/partner/secure/data" is sent with the body \'{"public_key": "ab",\' as "application/json"',
    description: 'A body of any bytes and content type, for malformed requests.',
  },
  async function (method: Method, path: string, body: string, type: string) {
    await this.send(method, fillPlaceholders(this, path), {
      rawBody: body,
      headers: { 'content-type': type },
    });
  },
);

defineStep(
  {
    domain: 'http',
    keyword: 'When',
    text: '{method} {string} is sent with the header {string} set to {string}',
    parameters: { method: 'the HTTP method', string: 'the path, the header name, its value' },
    example:
      'When GET "/_mock/requests" is sent with the header "x-mock-control-token" set to "s3cret"',
    description: 'A request with no body and one more header.',
  },
  async function (method: Method, path: string, name: string, value: string) {
    await this.send(method, fillPlaceholders(this, path), {
      headers: { [name.toLowerCase()]: value },
    });
  },
);

defineStep(
  {
    domain: 'http',
    keyword: 'Given',
    text: 'requests carry the header {string} set to {string}',
    parameters: { string: 'the header name, then its value' },
    example: 'Given requests carry the header "x-correlation-id" set to "qa-run-7"',
    description: 'Every later request carries this header too.',
  },
  function (name: string, value: string) {
    this.extraHeaders = { ...this.extraHeaders, [name.toLowerCase()]: value };
  },
);
