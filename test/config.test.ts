import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildConfig, parseServeArgs } from '../mock-server/config.ts';

describe('parseServeArgs', () => {
  it('defaults to loopback on 4010 with the documented test API keys', () => {
    const config = parseServeArgs([], {});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 4010);
    assert.deepEqual(config.partnerApiKeys, ['test-partner-key']);
    assert.deepEqual(config.standardApiKeys, ['test-standard-key']);
    assert.ok(Object.isFrozen(config));
  });
  it('takes flags over environment variables', () => {
    const config = parseServeArgs(
      ['--port', '5000', '--seed', 'a.json', '--seed', 'b.json', '--opaque-errors'],
      { PORT: '6000', HOST: '0.0.0.0', COINCOVER_MOCK_CONTROL_TOKEN: 'from-the-environment-0123' },
    );
    assert.equal(config.port, 5000);
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.seedFiles, ['a.json', 'b.json']);
    assert.equal(config.opaqueErrors, true);
  });
  it('rejects an unknown flag and a bad value with a readable error', () => {
    assert.throws(() => parseServeArgs(['--colour'], {}), /colour/);
    assert.throws(() => parseServeArgs(['--port', 'abc'], {}), /port/);
    assert.throws(() => parseServeArgs(['--environment', 'staging'], {}), /environment/);
  });
  it('keeps state in memory unless --data-dir is given, and exports private keys only with --snapshot-private-keys', () => {
    const defaults = parseServeArgs([], {});
    assert.equal(defaults.dataDir, undefined);
    assert.equal(defaults.snapshotPrivateKeys, false);
    const persistent = parseServeArgs(['--data-dir', 'state', '--snapshot-private-keys'], {});
    assert.equal(persistent.dataDir, 'state');
    assert.equal(persistent.snapshotPrivateKeys, true);
  });
  it('refuses to bind beyond loopback without a control token', () => {
    assert.throws(() => parseServeArgs(['--host', '0.0.0.0'], {}), /control-token/);
    assert.equal(
      parseServeArgs(['--host', '0.0.0.0', '--control-token', 'a-long-enough-secret'], {})
        .controlToken,
      'a-long-enough-secret',
    );
    assert.equal(parseServeArgs(['--host', '127.0.0.2'], {}).controlToken, undefined);
    assert.throws(() => parseServeArgs(['--control-token', 'short'], {}), /16 characters/);
  });
  it('reads the published contract faithfully unless --strict-requests, and answers string validation messages unless --validation-errors object', () => {
    const defaults = parseServeArgs([], {});
    assert.equal(defaults.strictRequests, false);
    assert.equal(defaults.validationErrors, 'string');
    const strict = parseServeArgs(['--strict-requests', '--validation-errors', 'object'], {});
    assert.equal(strict.strictRequests, true);
    assert.equal(strict.validationErrors, 'object');
    assert.throws(
      () => parseServeArgs(['--validation-errors', 'array'], {}),
      /--validation-errors/,
    );
    assert.equal(buildConfig({ strictRequests: true }).strictRequests, true);
  });
});
