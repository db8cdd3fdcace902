/**
 * `sign_with`: which fields are bound with the public key into `signed_payload`, an RFC 8785 (JCS)
 * canonical JSON string whose UTF-8 bytes the enclave signs (reference §6).
 */
import canonicalize from 'canonicalize';
import { keyFingerprint } from '../crypto/rsaKeys.ts';
import type { PrincipalType } from '../model.ts';
import type { SignWithField } from '../schemas/signWith.ts';

export interface SignWithSources {
  customerId: string | null;
  packageId: string | null;
  pulledBy: { id: string; type: PrincipalType };
  userId: string;
  keyId: string;
  publicKeyHex: string;
}

/** Values bound by each field; null when the field cannot resolve to a non-empty value. */
function resolve(field: SignWithField, s: SignWithSources): string | null {
  const value = {
    external_customer_id: s.customerId,
    external_package_id: s.packageId,
    pulled_by_id: s.pulledBy.id,
    pulled_by_type: s.pulledBy.type,
    user_id: s.userId,
    key_id: s.keyId,
    key_fingerprint: keyFingerprint(s.publicKeyHex),
  }[field];
  return value === null || value === '' ? null : value;
}

/** The fields that cannot resolve, checked before a key is taken so a 400 consumes nothing. */
export function unresolvableFields(
  fields: readonly SignWithField[],
  sources: Omit<SignWithSources, 'keyId' | 'publicKeyHex'>,
): SignWithField[] {
  const probe = { ...sources, keyId: 'probe', publicKeyHex: '00' };
  return fields.filter((field) => resolve(field, probe) === null);
}

/** The JCS payload; a field that resolves to no value (accepted as sign_with_unresolved) is bound as "". */
export function signedPayload(fields: readonly SignWithField[], sources: SignWithSources): string {
  const payload: Record<string, string> = { public_key: sources.publicKeyHex };
  for (const field of fields) payload[field] = resolve(field, sources) ?? '';
  return canonicalize(payload) as string;
}
