/** The mock's own control plane (/_mock): health, journal, reset, and what it must never keep. */
import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { request } from 'undici';
import type { CoinCoverWorld } from './support/world.ts';

async function control(
  world: CoinCoverWorld,
  method: 'GET' | 'POST',
  path: string,
): Promise<{ status: number; body: Record<string, unknown>; contentType: string }> {
  const answer = await request(`${world.baseUrl}/_mock${path}`, { method });
  return {
    status: answer.statusCode,
    body: (await answer.body.json()) as Record<string, unknown>,
    contentType: String(answer.headers['content-type']),
  };
}

const storeCounts = async (world: CoinCoverWorld) =>
  (await control(world, 'GET', '/health')).body.store as { keys: number; backups: number };

When(
  'the client calls {word} {string}',
  async function (this: CoinCoverWorld, method: string, path: string) {
    await this.send(method as 'GET', path);
  },
);

When('the mock is reset', async function (this: CoinCoverWorld) {
  const { status, body } = await control(this, 'POST', '/reset');
  assert.equal(status, 200);
  assert.equal(body.reset, true);
});

When('the store counts are noted', async function (this: CoinCoverWorld) {
  this.noted = await storeCounts(this);
});

Then('nothing was stored', async function (this: CoinCoverWorld) {
  assert.deepEqual(await storeCounts(this), this.noted);
});

Then(
  'the response carries a request id that the journal knows',
  async function (this: CoinCoverWorld) {
    const response = this.checked();
    assert.match(response.requestId, /^[0-9a-f-]{36}$/);
    const entry = await this.journal(response.requestId);
    assert.equal(entry.status, response.status);
    assert.equal(typeof entry.method, 'string');
    assert.equal(typeof entry.path, 'string');
    assert.ok(Array.isArray(entry.faults));
  },
);

Then(
  'the journal entry shows {word} {string} answered {int} with no faults',
  async function (this: CoinCoverWorld, method: string, path: string, status: number) {
    const entry = await this.journal(this.checked().requestId);
    assert.deepEqual(
      { method: entry.method, path: entry.path, status: entry.status, faults: entry.faults },
      { method, path, status, faults: [] },
    );
  },
);

Then('the journal holds no plaintext, token or private key', async function (this: CoinCoverWorld) {
  this.checked();
  const { body } = await control(this, 'GET', '/requests?limit=1000');
  const journal = JSON.stringify(body);
  for (const secret of ['test-partner-key', 'PRIVATE KEY', this.secretPlaintext ?? '\u0000never']) {
    assert.ok(
      !journal.includes(secret),
      `the journal contains ${JSON.stringify(secret.slice(0, 12))}…`,
    );
  }
});

Then(
  'the control plane answers {int} with a problem document',
  async function (this: CoinCoverWorld, status: number) {
    const response = this.checked();
    assert.equal(response.status, status);
    assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
    const body = response.body as Record<string, unknown>;
    assert.equal(body.status, status);
    assert.equal(typeof body.title, 'string');
  },
);

Then('the mock reports itself healthy', async function (this: CoinCoverWorld) {
  const response = this.checked();
  assert.equal(response.status, 200);
  const body = response.body as {
    status: string;
    pool: { seeded: number };
    store: { keys: number };
  };
  assert.equal(body.status, 'ok');
  assert.equal(typeof body.pool.seeded, 'number');
  assert.equal(typeof body.store.keys, 'number');
});

When(
  'the client calls GET {string} with the control token {string}',
  async function (this: CoinCoverWorld, path: string, token: string) {
    await this.send('GET', path, { headers: { 'x-mock-control-token': token } });
  },
);
