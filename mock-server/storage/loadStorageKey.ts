/**
 * The one place a storage request's public_key becomes a key: 404 with the public-key diagnosis
 * when it names no issued key, 400 when it names a signer key that cannot encrypt.
 */
import { diagnosePublicKey, publicKeyCandidates } from '../diagnostics/diagnosePublicKey.ts';
import { finding } from '../diagnostics/findings.ts';
import { apiError, MESSAGES } from '../errors.ts';
import type { KeyRecord } from '../model.ts';
import type { Store } from '../store/store.ts';

export function loadStorageKey(store: Store, publicKeyHex: string): KeyRecord {
  const key = store.keyByPublicKey(publicKeyHex.toLowerCase());
  if (!key) {
    const findings = diagnosePublicKey(publicKeyHex, publicKeyCandidates(publicKeyHex, store));
    throw apiError(findings[0]?.code ?? 'unknown_public_key', MESSAGES.KEY_NOT_FOUND, findings);
  }
  if (key.keyType !== 'rsa4096') {
    throw apiError('key_not_for_storage', MESSAGES.KEY_NOT_FOR_STORAGE, [
      finding(
        'key_not_for_storage',
        `public_key names the ${key.keyType} signer key ${key.keyId}; store data under an rsa4096 key.`,
        { key_id: key.keyId, key_type: key.keyType },
      ),
    ]);
  }
  return key;
}
