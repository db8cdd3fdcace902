/** How requests authenticate: an API key, a JWT of the mock's test issuer, a bad one, or nothing. */
import { defineParameter, defineStep } from '../support/defineStep.ts';
import { algNoneJwt, mintToken, tamperedJwt } from '../support/tokens.ts';
import type { CoinCoverWorld } from '../support/world.ts';

const TOKENS: Record<string, (world: CoinCoverWorld) => Promise<string> | string> = {
  'a JWT with the partner-endpoint scope': (w) =>
    mintToken(w.control, { scopes: ['partner-endpoint'] }),
  'a JWT without the partner-endpoint scope': (w) =>
    mintToken(w.control, { scopes: ['keys:read'] }),
  'an expired JWT': (w) => mintToken(w.control, { scopes: ['partner-endpoint'], expires_in: -60 }),
  'a JWT whose signature was tampered with': (w) => tamperedJwt(w.control),
  'an unsigned JWT with alg none': () => algNoneJwt(),
};

defineParameter({
  name: 'token',
  values: Object.keys(TOKENS),
  description:
    "a JWT, minted by the mock's test issuer (POST /_mock/tokens) or made bad on purpose",
});

defineStep(
  {
    domain: 'authentication',
    keyword: 'Given',
    text: 'requests are authenticated with the API key {string}',
    parameters: {
      string:
        'the API key sent as the bearer token: test-partner-key (partner scope, the default), test-standard-key (no partner scope), or any other (unknown)',
    },
    example: 'Given requests are authenticated with the API key "test-standard-key"',
    description:
      'Every later request carries `Authorization: Bearer <key>`. Without this step requests carry test-partner-key.',
  },
  function (key: string) {
    this.token = key;
  },
);

defineStep(
  {
    domain: 'authentication',
    keyword: 'Given',
    text: 'requests are authenticated with {token}',
    parameters: { token: 'which JWT' },
    example: 'Given requests are authenticated with an expired JWT',
    description: 'Every later request carries the JWT as its bearer token.',
  },
  async function (this: CoinCoverWorld, kind: string) {
    this.token = await (TOKENS[kind] as (w: CoinCoverWorld) => Promise<string> | string)(this);
  },
);

defineStep(
  {
    domain: 'authentication',
    keyword: 'Given',
    text: 'requests carry no Authorization header',
    example: 'Given requests carry no Authorization header',
    description: 'Later requests are sent without credentials.',
  },
  function () {
    this.token = null;
  },
);

defineStep(
  {
    domain: 'authentication',
    keyword: 'Given',
    text: 'requests carry the Authorization header {string}',
    parameters: { string: 'the whole header value, scheme included' },
    example: 'Given requests carry the Authorization header "Basic dXNlcjpwdw=="',
    description: 'Later requests carry exactly this Authorization header (no bearer token).',
  },
  function (header: string) {
    this.token = null;
    this.extraHeaders = { ...this.extraHeaders, authorization: header };
  },
);
