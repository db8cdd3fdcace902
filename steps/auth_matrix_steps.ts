/** The authentication matrix: every /v1 route the app serves × every kind of bad credential. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataTable, Then } from '@cucumber/cucumber';
import { request } from 'undici';
import { ROUTES } from '../mock-server/routes/index.ts';
import { rememberToken } from './support/secrets.ts';
import type { CoinCoverWorld } from './support/world.ts';

async function mint(world: CoinCoverWorld, body: object): Promise<string> {
  const answer = await request(`${world.baseUrl}/_mock/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return rememberToken(((await answer.body.json()) as { access_token: string }).access_token);
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The Authorization header (or none) for each kind of credential in the table. */
async function authorization(world: CoinCoverWorld, kind: string): Promise<string | undefined> {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'no Authorization header':
      return undefined;
    case 'the Basic scheme':
      return 'Basic dXNlcjpwYXNz';
    case 'garbage':
      return 'Bearer this is not a token';
    case 'an unknown API key':
      return 'Bearer not-a-key-the-mock-knows';
    case 'an expired JWT':
      return `Bearer ${await mint(world, { expires_in: -60 })}`;
    case 'a JWT with a bad signature': {
      const [h, p, s] = (await mint(world, {})).split('.') as [string, string, string];
      return `Bearer ${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    }
    case 'a JWT signed with alg none':
      return `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'x', scope: 'partner-endpoint', exp: now + 600 })}.`;
    case 'a valid token without the partner scope':
      return 'Bearer test-standard-key';
    default:
      throw new Error(`unknown credential kind "${kind}"`);
  }
}

Then('every \\/v1 route answers each credential as documented:', async function (this: CoinCoverWorld, table: DataTable) {
  const failures: string[] = [];
  let checked = 0;
  for (const row of table.hashes()) {
    for (const route of ROUTES) {
      const expected = route.scope === 'partner' ? row['partner route'] : row['other route'];
      const path = route.path.replace(/:(\w+)/g, () => randomUUID());
      const header = await authorization(this, row.credentials as string);
      const answer = await request(`${this.baseUrl}${path}`, {
        method: route.method.toUpperCase() as 'GET' | 'POST',
        headers: { ...(header === undefined ? {} : { authorization: header }), ...(route.method === 'post' ? { 'content-type': 'application/json' } : {}) },
        body: route.method === 'post' ? '{}' : undefined,
      });
      const text = await answer.body.text();
      const faults = String(answer.headers['x-mock-faults'] ?? '');
      const got = `${answer.statusCode} ${faults}`.trim();
      const ok = expected === 'passes authentication' ? answer.statusCode !== 401 && answer.statusCode !== 403 : got === expected;
      if (!ok) failures.push(`${route.method.toUpperCase()} ${route.path} with ${row.credentials}: expected ${expected}, got ${got} ${text.slice(0, 120)}`);
      if (answer.statusCode === 401) assert.equal(answer.headers['www-authenticate'], 'Bearer');
      checked += 1;
    }
  }
  this.responseChecked = true;
  assert.deepEqual(failures, [], `${failures.length} of ${checked} combinations are wrong`);
  assert.ok(checked >= ROUTES.length * 8);
});
