/**
 * The `sign_with` field of the assign requests: which fields are bound with the public key into
 * `signed_payload` (reference §6). keys/signWith.ts resolves and signs them.
 */
import { z } from 'zod';

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
