/**
 * `sign_with`: which fields are bound with the public key into `signed_payload`, an RFC 8785 (JCS)
 * canonical JSON string whose UTF-8 bytes the enclave signs (reference §6).
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { keyFingerprint } from '../crypto/rsaKeys.ts';
import type { PrincipalType } from '../store/records.ts';

export const SIGN_WITH_FIELDS = [
  'external_customer_id',
  'external_package_id',
  'pulled_by_id',
  'pulled_by_type',
  'user_id',
  'key_id',
  'key_fingerprint',
] as const;
export type SignWithField = (typeof SIGN_WITH_FIELDS)[number];

/** The documented 400 rules: public_key listed, a name outside the enum, a name repeated. */
export const SignWithSchema = z
  .array(z.string())
  .meta({ items: { type: 'string', enum: [...SIGN_WITH_FIELDS] }, uniqueItems: true, description: 'Fields bound with public_key into signed_payload.' })
  .superRefine((names, ctx) => {
  const seen = new Set<string>();
  for (const name of names) {
    if (name === 'public_key') {
      ctx.addIssue({ code: 'custom', message: 'public_key is always signed and must not be listed' });
    } else if (!(SIGN_WITH_FIELDS as readonly string[]).includes(name)) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(name)} is not a bindable field (allowed: ${SIGN_WITH_FIELDS.join(', ')})` });
    } else if (seen.has(name)) {
      ctx.addIssue({ code: 'custom', message: `${name} is listed more than once` });
    }
    seen.add(name);
  }
});

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
export function unresolvableFields(fields: readonly SignWithField[], sources: Omit<SignWithSources, 'keyId' | 'publicKeyHex'>): SignWithField[] {
  const probe = { ...sources, keyId: 'probe', publicKeyHex: '00' };
  return fields.filter((field) => resolve(field, probe) === null);
}

export function signedPayload(fields: readonly SignWithField[], sources: SignWithSources): string {
  const payload: Record<string, string> = { public_key: sources.publicKeyHex };
  for (const field of fields) payload[field] = resolve(field, sources) as string;
  return canonicalize(payload) as string;
}
