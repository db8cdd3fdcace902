/**
 * Named actors: users, organisations and packages by name, each made unique per scenario behind
 * the scenes (CoinCoverWorld.unique), so scenarios never collide on a shared mock.
 */
import assert from 'node:assert/strict';
import { assignPartnerKey, KEY_PARAMS, PARTNER_ASSIGNMENT as PARTNER } from '../support/assign.ts';
import { defineStep } from '../support/defineStep.ts';
import type { CoinCoverWorld, Environment, KeyType } from '../support/world.ts';

async function holds(world: CoinCoverWorld, env: Environment, type: KeyType, alias: string) {
  await assignPartnerKey(world, env, type, alias);
  const response = world.checked();
  assert.equal(
    response.status,
    200,
    `the key was not assigned${world.where()}: ${response.status} ${response.text.slice(0, 300)}`,
  );
}

defineStep(
  {
    domain: 'actors',
    keyword: 'Given',
    text: 'the user {string} of organisation {string}',
    parameters: { string: 'the user identifier, then the organisation (customer) id' },
    example: 'Given the user "alice@acme.io" of organisation "org-123"',
    description:
      'Later requests are about this user and organisation. Names are made unique per scenario behind the scenes (a nonce is added: alice+1a2b3c4d@acme.io, org-123-1a2b3c4d), so scenarios never collide on a shared mock; checks compare with the unique names.',
  },
  function (user: string, organisation: string) {
    this.customer = this.actor(user, organisation);
  },
);

defineStep(
  {
    domain: 'actors',
    keyword: 'Given',
    text: 'the user {string} of organisation {string} with package {string}',
    parameters: { string: 'the user identifier, the organisation id, the package id' },
    example: 'Given the user "alice@acme.io" of organisation "org-123" with package "pkg-9"',
    description: 'As above, naming the package too (each name made unique per scenario).',
  },
  function (user: string, organisation: string, pkg: string) {
    this.customer = this.actor(user, organisation, pkg);
  },
);

defineStep(
  {
    domain: 'actors',
    keyword: 'Given',
    text: 'another user of another organisation',
    example: 'Given another user of another organisation',
    description:
      'Later requests are about a new user, organisation and package, with generated names.',
  },
  function () {
    this.customer = this.actor();
  },
);

defineStep(
  {
    domain: 'actors',
    keyword: 'Given',
    text: '{string} of organisation {string} holds a(n) {environment} {keyType} key',
    parameters: { string: 'the user identifier, then the organisation id', ...KEY_PARAMS },
    example: 'Given "alice@acme.io" of organisation "org-123" holds a COLD rsa4096 key',
    description: `Names the user and organisation (made unique per scenario) and assigns them a key: "the key". ${PARTNER} Fails unless the mock answers 200.`,
  },
  async function (user: string, organisation: string, env: Environment, type: KeyType) {
    this.customer = this.actor(user, organisation);
    await holds(this, env, type, 'the key');
  },
);

defineStep(
  {
    domain: 'actors',
    keyword: 'Given',
    text: '{string} of organisation {string} holds a(n) {environment} {keyType} key called {string}',
    parameters: {
      string: 'the user identifier, the organisation id, then the alias of the key',
      ...KEY_PARAMS,
    },
    example:
      'Given "bob@beta.io" of organisation "org-456" holds a HOT rsa4096 key called "bob\'s key"',
    description: `As above; the key is also known as \`the key "<alias>"\`.`,
  },
  async function (
    user: string,
    organisation: string,
    env: Environment,
    type: KeyType,
    alias: string,
  ) {
    this.customer = this.actor(user, organisation);
    await holds(this, env, type, alias);
    this.keys.set('the key', this.key(alias));
  },
);
