/** How the client authenticates: API keys, JWTs minted by the mock's test issuer, or nothing. */
import { Given } from '@cucumber/cucumber';
import { request } from 'undici';
import { rememberToken } from './support/secrets.ts';
import type { CoinCoverWorld } from './support/world.ts';

async function mint(world: CoinCoverWorld, body: Record<string, unknown>): Promise<string> {
  const answer = await request(`${world.baseUrl}/_mock/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (answer.statusCode !== 200) throw new Error(`minting a token failed: ${await answer.body.text()}`);
  return rememberToken(((await answer.body.json()) as { access_token: string }).access_token);
}

Given('the client authenticates with the API key {string}', function (this: CoinCoverWorld, key: string) {
  this.token = key;
});

Given('the client sends no Authorization header', function (this: CoinCoverWorld) {
  this.token = null;
});

Given('the client uses a JWT with the partner-endpoint scope', async function (this: CoinCoverWorld) {
  this.token = await mint(this, { scopes: ['partner-endpoint'] });
});

Given('the client uses a JWT without the partner-endpoint scope', async function (this: CoinCoverWorld) {
  this.token = await mint(this, { scopes: ['keys:read'] });
});

Given('the client uses an expired JWT', async function (this: CoinCoverWorld) {
  this.token = await mint(this, { scopes: ['partner-endpoint'], expires_in: -60 });
});

Given('the client uses a JWT whose signature was tampered with', async function (this: CoinCoverWorld) {
  const token = await mint(this, { scopes: ['partner-endpoint'] });
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  this.token = `${header}.${payload}.${flipped}`;
});

Given('the client uses an unsigned JWT with alg none', function (this: CoinCoverWorld) {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  this.token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'attacker', scope: 'partner-endpoint', iat: now, exp: now + 600 })}.`;
});

Given('the client sends the Authorization header {string}', function (this: CoinCoverWorld, header: string) {
  this.token = null;
  this.extraHeaders = { authorization: header };
});
