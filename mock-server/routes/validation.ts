/**
 * Request validation with zod, answered in the field-keyed 400 shape. Each field that has its own
 * fault code (checksum, padding_type, sign_with) is named by it; everything else is request_invalid.
 */
import { z } from 'zod';
import { finding, type FaultCode, type Finding } from '../diagnostics/findings.ts';
import { validationFailed } from '../errors.ts';

export const HEX_PUBLIC_KEY = /^[0-9a-fA-F]+$/;
export const SHA256_HEX = /^[a-fA-F0-9]{64}$/;

/**
 * A string the mock keeps: at most `max` characters, and well-formed Unicode. A lone surrogate
 * (`"\ud800"` in JSON) cannot be stored as UTF-8: SQLite would keep U+FFFD instead, so after a
 * restart the same user would no longer be the same, and the 409 would not come. It is refused.
 */
export const keptText = (max: number) => z.string().max(max).regex(/^\P{Cs}*$/u, 'must be well-formed Unicode (it holds a lone surrogate)');

/** The documented public_key field of every storage request (reference §3.2): hex, 32 to 4096 characters. */
export const publicKeyMessage = 'must be a hex string of 32 to 4096 characters';

const FIELD_FAULTS: Partial<Record<string, FaultCode>> = {
  checksum: 'checksum_format',
  padding_type: 'padding_type_unsupported',
  sign_with: 'sign_with_invalid',
};

export interface ValidationOptions {
  /** Extra diagnosis of a field that failed validation, given its raw value. */
  diagnose?: Partial<Record<string, (value: unknown) => Finding[]>>;
}

export function validate<S extends z.ZodType>(schema: S, body: unknown, options: ValidationOptions = {}): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  const findings: Finding[] = [];
  const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  for (const issue of result.error.issues) {
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const names = unknownKeys.length > 0 ? unknownKeys.map((k) => [...issue.path, k].join('.')) : [issue.path.join('.') || 'body'];
    const top = issue.path[0];
    // A missing field is a plain request_invalid; a field's own fault code is for a value that is there but wrong.
    const present = top !== undefined && Object.hasOwn(raw, top);
    for (const name of names) {
      const message =
        unknownKeys.length > 0 ? 'is not a recognised field' : issue.code === 'invalid_type' && name !== 'body' && !present ? 'is required' : issue.message;
      (fields[name] ??= []).push(message);
      const code = present ? (FIELD_FAULTS[String(top)] ?? 'request_invalid') : 'request_invalid';
      findings.push(finding(code, `${name} ${message}`, { field: name }));
    }
  }
  for (const [field, diagnose] of Object.entries(options.diagnose ?? {})) {
    if (fields[field] && diagnose) findings.push(...diagnose(raw[field]));
  }
  throw validationFailed(fields, findings);
}

/** Path parameters that name a key or a backup: a UUID (reference §4.2, §4.5), compared in lower case. */
export const idParams = <N extends string>(name: N) =>
  z.strictObject({ [name]: z.uuid('must be a UUID').transform((id) => id.toLowerCase()) } as { [K in N]: z.ZodPipe<z.ZodUUID, z.ZodTransform<string, string>> });
