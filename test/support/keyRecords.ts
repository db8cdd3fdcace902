/** An issued key's record for unit tests that fill a store without assigning over HTTP. */
import { randomUUID } from 'node:crypto';
import { publicKeyHexOf } from '../../mock-server/crypto/keyTypes.ts';
import type { KeyRecord, KeyType } from '../../mock-server/model.ts';

export function keyRecord(privateKey: KeyRecord['privateKey'], keyType: KeyType): KeyRecord {
  return {
    keyId: randomUUID(),
    keyType,
    keyEnvironment: 'HOT',
    userIdentifier: `u-${randomUUID()}`,
    userId: randomUUID(),
    customerId: 'org',
    customerName: null,
    packageId: null,
    packageName: null,
    publicKeyHex: publicKeyHexOf(privateKey, keyType),
    privateKey,
    createdAt: new Date().toISOString(),
    pulledBy: null,
  };
}
