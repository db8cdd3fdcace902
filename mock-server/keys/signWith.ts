/**
 * `sign_with`: which fields are bound with the public key into `signed_payload`, an RFC 8785 (JCS)
 * canonical JSON string whose UTF-8 bytes the enclave signs (reference §6).
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { keyFingerprint } from '../crypto/rsaKeys.ts';
import type { PrincipalType } from '../model.ts';

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
const BINDABLE: ReadonlySet<string> = new Set(SIGN_WITH_FIELDS);

/** Issues past this many are summarised in one, so a list of 100,000 bad names costs what a few do. */
const MAX_SIGN_WITH_ISSUES = 20;
const NAME_CHARS = 64;

/**
 * The 400 rules of the keys-service schemas: public_key listed, a name outside the enum. The strict
 * reading adds the guides' rule that a name is listed once; the faithful one accepts a repeat,
 * named sign_with_repeated, and binds the field once.
 */
export const signWithSchema = (strict: boolean) =>
  z
    .array(z.string())
    .meta({
      items: { type: 'string', enum: [...SIGN_WITH_FIELDS] },
      ...(strict ? { uniqueItems: true } : {}),
      description: 'Fields bound with public_key into signed_payload.',
    })
    .superRefine((names, ctx) => {
      // Past the cap a problem is only counted, its message never built: a list of 100,000 bad
      // names costs little more than reading it.
      const seen = strict ? new Set<string>() : undefined;
      let issues = 0;
      for (const name of names) {
        const bindable = BINDABLE.has(name);
        const repeated = bindable && seen !== undefined && seen.has(name);
        if (bindable && !repeated) {
          seen?.add(name);
          continue;
        }
        issues += 1;
        if (issues > MAX_SIGN_WITH_ISSUES) continue;
        if (name === 'public_key')
          ctx.addIssue({
            code: 'custom',
            message: 'public_key is always signed and must not be listed',
          });
        else if (!bindable)
          ctx.addIssue({
            code: 'custom',
            message: `${JSON.stringify(name.slice(0, NAME_CHARS))}${name.length > NAME_CHARS ? '…' : ''} is not a bindable field (allowed: ${SIGN_WITH_FIELDS.join(', ')})`,
          });
        else
          ctx.addIssue({
            code: 'custom',
            message: `${name} is listed more than once`,
            params: { warning: 'sign_with_repeated' },
          });
      }
      if (issues > MAX_SIGN_WITH_ISSUES)
        ctx.addIssue({
          code: 'custom',
          message: `and ${issues - MAX_SIGN_WITH_ISSUES} more problems`,
        });
    });

/** Each field once, in the order it first appears (the faithful reading of a repeated name). */
export const distinctFields = (names: readonly string[]): SignWithField[] =>
  [...new Set(names)] as SignWithField[];

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
