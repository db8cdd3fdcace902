/**
 * The project's own forensics scenarios: the vectors of fixtures/vectors/ sent as they are, and the
 * project's known clients (reference, shell, broken) as the integration under test. They drive
 * fixtures only this repository runs (the broken clients are TypeScript started through tsx).
 */
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { brokenClients, type BrokenClientName } from '../../fixtures/clients/broken/index.ts';
import {
  referenceClientCommand,
  shellClientCommand,
  tsxCommand,
} from '../../fixtures/clients/commands.ts';
import { assignPartnerKey } from '../support/assign.ts';
import { PARTNER_DATA } from '../support/backups.ts';
import { algNoneJwt, mintToken } from '../support/tokens.ts';
import { byId, INDEPENDENT_VECTORS, REQUEST_VECTORS, vectorRequest } from '../support/vectors.ts';
import type { ProjectWorld } from './world.ts';

When('independent-client vector {int} is sent', async function (this: ProjectWorld, id: number) {
  const v = byId(INDEPENDENT_VECTORS, id, 'independent-clients.json');
  await this.send('POST', PARTNER_DATA, {
    json: { public_key: v.public_key, checksum: v.checksum, data: v.data },
  });
});

Then(
  'the mock answers as independent-client vector {int} expects',
  async function (this: ProjectWorld, id: number) {
    const v = byId(INDEPENDENT_VECTORS, id, 'independent-clients.json');
    const response = this.checked();
    const entry = await this.journal(response.requestId);
    if (v.expected === 'valid') {
      assert.equal(
        response.status,
        200,
        `${v.client}: ${v.comment}: ${response.text.slice(0, 300)}`,
      );
      assert.deepEqual(response.faults, []);
      assert.deepEqual(entry.faults, []);
    } else {
      assert.ok(
        response.status === 400 || response.status === 404,
        `${v.comment}: status ${response.status}`,
      );
      assert.deepEqual(response.faults, [v.expected], `${v.client}: ${v.comment}`);
      assert.deepEqual(
        entry.faults.map((f) => f.code),
        [v.expected],
      );
    }
  },
);

When('request-fault vector {int} is sent', async function (this: ProjectWorld, id: number) {
  const vector = byId(REQUEST_VECTORS, id, 'request-faults.json');
  const text = JSON.stringify(vector.request);
  const values: Record<string, string> = {};
  if (text.includes('{{public_key}}')) {
    if (!this.keys.has('the key')) await assignPartnerKey(this, 'HOT', 'rsa4096');
    values.public_key = this.key().publicKey;
  }
  if (text.includes('{{signer_public_key}}')) {
    await assignPartnerKey(this, 'HOT', 'ed25519', 'signer');
    values.signer_public_key = this.key('signer').publicKey;
  }
  if (text.includes('{{expired_jwt}}'))
    values.expired_jwt = await mintToken(this.control, { expires_in: -60 });
  if (text.includes('{{alg_none_jwt}}')) values.alg_none_jwt = algNoneJwt();
  const { method, path, options } = vectorRequest(vector, values);
  await this.send(method, path, options);
});

Then(
  'the mock answers as request-fault vector {int} expects',
  async function (this: ProjectWorld, id: number) {
    const vector = byId(REQUEST_VECTORS, id, 'request-faults.json');
    const response = this.checked();
    assert.equal(
      response.status,
      vector.expected.status,
      `vector ${id} (${vector.comment}): ${response.text.slice(0, 300)}`,
    );
    assert.deepEqual(
      response.faults,
      vector.expected.fault_codes,
      `vector ${id} (${vector.comment})`,
    );
    const entry = await this.journal(response.requestId);
    assert.deepEqual([...new Set(entry.faults.map((f) => f.code))], vector.expected.fault_codes);
  },
);

Given(
  'the integration under test is the {word} client',
  function (this: ProjectWorld, which: string) {
    const command =
      which === 'reference'
        ? referenceClientCommand
        : which === 'shell'
          ? shellClientCommand
          : undefined;
    assert.ok(command, `no client called ${which}`);
    this.integration = command;
  },
);

Given(
  'the integration under test is the broken client {string}',
  function (this: ProjectWorld, name: string) {
    const entry = brokenClients[name as BrokenClientName];
    assert.ok(entry, `no broken client for ${name}`);
    this.integration = tsxCommand(entry);
  },
);
