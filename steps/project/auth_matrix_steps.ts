/** The authentication matrix: every /v1 route the app serves × every kind of bad credential. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataTable, Then } from '@cucumber/cucumber';
import { request } from 'undici';
import { ROUTES } from '../../mock-server/routes/index.ts';
import { algNoneJwt, mintToken, tamperedJwt } from '../support/tokens.ts';
import { contractDeparture } from '../support/publishedContract.ts';
import type { CoinCoverWorld } from '../support/world.ts';

/** The Authorization header (or none) for each kind of credential in the table. */
async function authorization(world: CoinCoverWorld, kind: string): Promise<string | undefined> {
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
      return `Bearer ${await mintToken(world.control, { expires_in: -60 })}`;
    case 'a JWT with a bad signature':
      return `Bearer ${await tamperedJwt(world.control)}`;
    case 'a JWT signed with alg none':
      return `Bearer ${algNoneJwt()}`;
    case 'a valid token without the partner scope':
      return 'Bearer test-standard-key';
    default:
      throw new Error(`unknown credential kind "${kind}"`);
  }
}

Then(
  'every \\/v1 route answers each credential as documented:',
  async function (this: CoinCoverWorld, table: DataTable) {
    const failures: string[] = [];
    let checked = 0;
    for (const row of table.hashes()) {
      for (const route of ROUTES) {
        const expected = route.scope === 'partner' ? row['partner route'] : row['other route'];
        const path = route.path.replace(/:(\w+)/g, () => randomUUID());
        const header = await authorization(this, row.credentials as string);
        const answer = await request(`${this.baseUrl}${path}`, {
          method: route.method.toUpperCase() as 'GET' | 'POST',
          headers: {
            ...(header === undefined ? {} : { authorization: header }),
            ...(route.method === 'post' ? { 'content-type': 'application/json' } : {}),
          },
          body: route.method === 'post' ? '{}' : undefined,
        });
        const text = await answer.body.text();
        const faults = String(answer.headers['x-mock-faults'] ?? '');
        const got = `${answer.statusCode} ${faults}`.trim();
        const ok =
          expected === 'passes authentication'
            ? answer.statusCode !== 401 && answer.statusCode !== 403
            : got === expected;
        if (!ok)
          failures.push(
            `${route.method.toUpperCase()} ${route.path} with ${row.credentials}: expected ${expected}, got ${got} ${text.slice(0, 120)}`,
          );
        if (answer.statusCode === 401) assert.equal(answer.headers['www-authenticate'], 'Bearer');
        const departure = contractDeparture(
          route.method.toUpperCase(),
          path,
          answer.statusCode,
          JSON.parse(text),
        );
        if (departure) this.contractDepartures.push(departure);
        checked += 1;
      }
    }
    this.responseChecked = true;
    assert.deepEqual(failures, [], `${failures.length} of ${checked} combinations are wrong`);
    assert.ok(checked >= ROUTES.length * 8);
  },
);
