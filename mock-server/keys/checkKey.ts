/**
 * The key check behind GET /v1/keys/{keyId}/verify (reference §4.2). The real service rebuilds the
 * key from a threshold of its shards and compares it with the issued key; the mock holds the whole
 * private key, so it checks that it still derives the issued public key and round-trips a fresh
 * challenge. Keys are checked in both environments: the reference says only cold *backups* cannot
 * be checked.
 */
import { keyPairMatches } from '../crypto/keyTypes.ts';
import { finding } from '../diagnostics/findings.ts';
import type { Report } from '../diagnostics/report.ts';
import { apiError, MESSAGES } from '../errors.ts';
import type { KeyRecord } from '../model.ts';
import { KEY_CHECK_MESSAGES, type KeyCheck } from '../schemas/verify.ts';
import type { Store } from '../store/store.ts';

/** The messages are the response schema's (schemas/verify.ts); named here too for the step library. */
export { KEY_CHECK_MESSAGES };

export function checkKey(key: KeyRecord): KeyCheck {
  const valid = keyPairMatches(key.privateKey, key.keyType, key.publicKeyHex);
  return {
    message: valid ? KEY_CHECK_MESSAGES.VALID : KEY_CHECK_MESSAGES.INVALID,
    is_key_valid: valid,
  };
}

/** The check of the key an id names: 404 (unknown_id) when it names none. */
export function checkKeyById(
  store: Pick<Store, 'keyById'>,
  keyId: string,
  report: Report,
): KeyCheck {
  const key = store.keyById(keyId);
  if (!key)
    throw apiError('unknown_id', MESSAGES.KEY_NOT_FOUND, [
      finding('unknown_id', 'The key id in the path names no key this mock holds.'),
    ]);
  report.keyId = key.keyId;
  return checkKey(key);
}
