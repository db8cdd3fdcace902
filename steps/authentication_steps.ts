/** How the client authenticates: API keys, JWTs minted by the mock's test issuer, or nothing. */
import { Given } from '@cucumber/cucumber';
import { algNoneJwt, mintToken, tamperedJwt } from './support/tokens.ts';
import type { CoinCoverWorld } from './support/world.ts';

Given(
  'the client authenticates with the API key {string}',
  function (this: CoinCoverWorld, key: string) {
    this.token = key;
  },
);

Given('the client sends no Authorization header', function (this: CoinCoverWorld) {
  this.token = null;
});

Given(
  'the client uses a JWT with the partner-endpoint scope',
  async function (this: CoinCoverWorld) {
    this.token = await mintToken(this.baseUrl, { scopes: ['partner-endpoint'] });
  },
);

Given(
  'the client uses a JWT without the partner-endpoint scope',
  async function (this: CoinCoverWorld) {
    this.token = await mintToken(this.baseUrl, { scopes: ['keys:read'] });
  },
);

Given('the client uses an expired JWT', async function (this: CoinCoverWorld) {
  this.token = await mintToken(this.baseUrl, { scopes: ['partner-endpoint'], expires_in: -60 });
});

Given(
  'the client uses a JWT whose signature was tampered with',
  async function (this: CoinCoverWorld) {
    this.token = await tamperedJwt(this.baseUrl);
  },
);

Given('the client uses an unsigned JWT with alg none', function (this: CoinCoverWorld) {
  this.token = algNoneJwt();
});

Given(
  'the client sends the Authorization header {string}',
  function (this: CoinCoverWorld, header: string) {
    this.token = null;
    this.extraHeaders = { authorization: header };
  },
);
