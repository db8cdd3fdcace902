/**
 * Every request schema has two readings built from one definition: the faithful one refuses only
 * what the published documents forbid; the strict one (--strict-requests) is the narrow reading:
 * no unknown fields, plausible lengths, each sign_with field once. http/validation.ts turns
 * what only the strict reading refuses into warnings, or into refusals under --strict-requests.
 */
import { z } from 'zod';

/**
 * A schema's two readings (see the file comment). The strict one only adds constraints to the
 * faithful one, with the same fields, defaults and transforms: a body the strict reading accepts,
 * the faithful one accepts and reads the same (test/readings.test.ts), so validation reads a body
 * that passes both only once.
 */
export interface Readings<S extends z.ZodType = z.ZodType> {
  faithful: S;
  strict: z.ZodType;
}

/** Builds both readings from one definition. */
export function readings<S extends z.ZodType>(build: (strict: boolean) => S): Readings<S> {
  return { faithful: build(false), strict: build(true) };
}

/** The object constructor of a reading: unknown fields are dropped (faithful) or refused (strict). */
export function objectOf(strict: boolean) {
  return <T extends z.core.$ZodShape>(shape: T) =>
    (strict ? z.strictObject(shape) : z.object(shape)) as unknown as z.ZodObject<T, z.core.$strip>;
}

/**
 * A text field with no published length: the strict reading keeps the mock's plausible bound; the
 * faithful one only a safety bound far above anything real (the body limit bounds it too).
 */
export const SAFETY_MAX_CHARS = 65_536;
/**
 * A string the mock keeps, in both readings well-formed Unicode: a lone surrogate (`"\ud800"` in
 * JSON) cannot be stored as UTF-8 (SQLite would keep U+FFFD instead, so after a restart the same
 * user would no longer be the same, and the 409 would not come). It is refused.
 */
export const text = (strict: boolean, plausible: number) =>
  z
    .string()
    .max(strict ? plausible : SAFETY_MAX_CHARS)
    .regex(/^\P{Cs}*$/u, 'must be well-formed Unicode (it holds a lone surrogate)');
