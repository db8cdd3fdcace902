/**
 * The one place a storage request's public_key becomes a key: 404 with the public-key diagnosis
 * when it names no issued key, 400 when it names a signer key that cannot encrypt.
 */
import type { AppDeps } from '../deps.ts';
import { diagnosePublicKey, publicKeyCandidates } from '../diagnostics/diagnosePublicKey.ts';
import { finding } from '../diagnostics/findings.ts';
import { badRequest, MESSAGES, notFound } from '../errors.ts';
import type { KeyRecord } from '../model.ts';

export function loadStorageKey(deps: AppDeps, publicKeyHex: string): KeyRecord {
  const key = deps.store.keyByPublicKey(publicKeyHex.toLowerCase());
  if (!key) {
    throw notFound(
      MESSAGES.KEY_NOT_FOUND,
      diagnosePublicKey(publicKeyHex, publicKeyCandidates(publicKeyHex, deps.store)),
    );
  }
  if (key.keyType !== 'rsa4096') {
    throw badRequest(MESSAGES.KEY_NOT_FOR_STORAGE, [
      finding(
        'key_not_for_storage',
        `public_key names the ${key.keyType} signer key ${key.keyId}; store data under an rsa4096 key.`,
        { key_id: key.keyId, key_type: key.keyType },
      ),
    ]);
  }
  return key;
}
