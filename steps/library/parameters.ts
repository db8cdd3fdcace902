/** The library's parameter types: each a closed set of the words the steps take. */
import { defineParameter } from '../support/defineStep.ts';

export const ENVIRONMENTS = ['HOT', 'COLD'] as const;
export const KEY_TYPES = ['rsa4096', 'secp256k1', 'ed25519'] as const;
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

defineParameter({
  name: 'environment',
  values: ENVIRONMENTS,
  description: 'a key environment: HOT (online) or COLD (held offline)',
});

defineParameter({
  name: 'keyType',
  values: KEY_TYPES,
  description: 'a key type: rsa4096 (encrypts backups), secp256k1 or ed25519 (backup signers)',
});

defineParameter({
  name: 'key',
  regexp: /the key "([^"]*)"|(the (?:rsa4096|secp256k1|ed25519) key)|(the key)/,
  transformer: (named?: string, typed?: string, plain?: string) =>
    named ?? typed ?? plain ?? 'the key',
  hints: ['key'],
  accepts:
    '`the key`, `the rsa4096 key`, `the secp256k1 key`, `the ed25519 key`, `the key "<alias>"`',
  description:
    'a key the scenario was given: `the key` (the last one assigned), `the ed25519 key` (the last of that type) or `the key "name"` (one assigned with `called "name"`)',
});

defineParameter({
  name: 'backup',
  regexp: /the backup "([^"]*)"|(the backup)|(the file)/,
  transformer: (named?: string, backup?: string, file?: string) =>
    named ?? backup ?? file ?? 'the backup',
  hints: ['backup', 'file'],
  accepts: '`the backup`, `the file`, `the backup "<alias>"`',
  description:
    'a backup the scenario stored: `the backup` (the last data backup), `the file` (the last file backup) or `the backup "name"` (one stored with `called "name"`)',
});

defineParameter({
  name: 'method',
  values: METHODS,
  description: 'an HTTP method',
});

defineParameter({
  name: 'verifyPath',
  values: ['the spec path', 'the hot path'],
  description:
    'where the verify endpoints are called: the spec path (/v1/keys/…/verify) or the hot path (/v1/hot/keys/…/verify) of the "Back up key material" guide',
});
