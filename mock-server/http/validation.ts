/**
 * Request validation with zod. Every request schema has two readings built from one definition:
 * the faithful one, which refuses only what the published documents forbid, and the strict one
 * (--strict-requests), the narrow reading the mock used to enforce: no unknown fields, plausible
 * lengths, each sign_with field once. A request that passes the faithful reading but not the
 * strict one is accepted, and each difference is a warning finding (field_unknown with the
 * nearest documented name, field_length_unusual, sign_with_repeated); under --strict-requests the
 * same differences refuse it, as request_invalid or the field's own code.
 *
 * Problems are collected in prototype-less maps (a field may be called `constructor` or
 * `__proto__`) and bounded: at most MAX_FIELDS fields and MAX_PROBLEMS problems each, findings in
 * a FindingList.
 */
import { z } from 'zod';
import {
  clip,
  finding,
  FindingList,
  type FaultCode,
  type Finding,
} from '../diagnostics/findings.ts';
import { fieldErrors, validationFailed, type FieldErrors } from '../errors.ts';
import type { Readings } from '../schemas/readings.ts';
import { nearestName } from './nearestName.ts';

const FIELD_FAULTS = new Map<string, FaultCode>([
  ['checksum', 'checksum_format'],
  ['padding_type', 'padding_type_unsupported'],
  ['sign_with', 'sign_with_invalid'],
]);

const MAX_FIELDS = 20;
const MAX_PROBLEMS = 5;
const NAME_CHARS = 64;

export interface ValidationOptions {
  /** Extra diagnosis of a field that failed validation, given its raw value. */
  diagnose?: Partial<Record<string, (value: unknown) => Finding[]>>;
}

export interface RequestOptions extends ValidationOptions {
  /** --strict-requests: the strict reading refuses. */
  strict: boolean;
}

class Problems {
  readonly fields: FieldErrors = fieldErrors();
  readonly findings = new FindingList();
  private names = 0;
  /** Fields with problems beyond MAX_FIELDS, only counted. */
  unlisted = 0;

  add(name: string, problem: string, f: Finding): void {
    this.findings.add(f);
    const existing = Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
    if (existing) {
      if (existing.length < MAX_PROBLEMS) existing.push(problem);
    } else if (this.names < MAX_FIELDS) {
      this.fields[name] = [problem];
      this.names += 1;
    } else {
      this.unlisted += 1;
    }
  }
}

const asRecord = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};

const joinPath = (path: readonly PropertyKey[]) => clip(path.map(String).join('.'), NAME_CHARS * 2);

/** The issues of a failed faithful reading, as the documented 400. */
function refusal(
  issues: readonly z.core.$ZodIssue[],
  body: unknown,
  schema: z.ZodType,
  options: ValidationOptions,
): never {
  const problems = new Problems();
  const raw = asRecord(body);
  for (const issue of issues) describeIssue(issue, raw, schema, problems, 'error');
  for (const [field, diagnose] of Object.entries(options.diagnose ?? {})) {
    if (diagnose && Object.hasOwn(problems.fields, field))
      problems.findings.addAll(diagnose(raw[field]));
  }
  throw validationFailed(problems.fields, problems.findings, problems.unlisted);
}

function describeIssue(
  issue: z.core.$ZodIssue,
  raw: Record<string, unknown>,
  schema: z.ZodType,
  problems: Problems,
  as: 'error' | 'warning',
): void {
  const top = issue.path[0];
  // A missing field is a plain request_invalid; a field's own fault code is for a value that is there but wrong.
  const present = top !== undefined && Object.hasOwn(raw, top);
  const own = present ? FIELD_FAULTS.get(String(top)) : undefined;
  if (issue.code === 'unrecognized_keys') {
    const known = knownNames(schema, issue.path);
    for (const key of issue.keys) {
      const name = joinPath([...issue.path, clip(key, NAME_CHARS)]);
      const suggestion = nearestName(key, known);
      const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
      const code: FaultCode = as === 'warning' ? 'field_unknown' : 'request_invalid';
      const explained =
        as === 'warning'
          ? `${name} is not a documented field and was ignored${hint}.`
          : `${name} is not a recognised field${hint}.`;
      problems.add(
        name,
        `is not a recognised field${hint}`,
        finding(code, explained, { field: name, ...(suggestion ? { suggestion } : {}) }),
      );
    }
    return;
  }
  const name = joinPath(issue.path) || 'body';
  const problem =
    issue.code === 'invalid_type' && name !== 'body' && !present ? 'is required' : issue.message;
  if (as === 'warning') {
    const params = (issue as { params?: { warning?: FaultCode } }).params;
    const code: FaultCode =
      params?.warning ?? (issue.code === 'too_big' ? 'field_length_unusual' : 'request_invalid');
    const detail =
      issue.code === 'too_big'
        ? { field: name, plausible_max: Number(issue.maximum) }
        : { field: name };
    problems.add(
      name,
      problem,
      finding(
        code,
        `${name} ${problem}; the published documents allow it, so it was accepted, but the real service may refuse it.`,
        detail,
      ),
    );
    return;
  }
  problems.add(
    name,
    problem,
    finding(own ?? 'request_invalid', `${name} ${problem}`, { field: name }),
  );
}

/** A single-reading schema (path parameters): the parsed value, or the documented 400. */
export function validate<S extends z.ZodType>(
  schema: S,
  body: unknown,
  options: ValidationOptions = {},
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  return refusal(result.error.issues, body, schema, options);
}

/**
 * A request body: refused when the faithful reading fails; otherwise its value, with a warning for
 * each thing only the strict reading refuses, or, under `strict`, the documented 400 for them.
 */
export function validateRequest<S extends z.ZodType>(
  schema: Readings<S>,
  body: unknown,
  options: RequestOptions,
): { value: z.output<S>; warnings: FindingList } {
  // The strict reading is the faithful one with constraints added (readings.ts): what it accepts,
  // the faithful one reads the same, so a body that passes it is read once.
  const strict = schema.strict.safeParse(body);
  if (strict.success) return { value: strict.data as z.output<S>, warnings: new FindingList() };
  const faithful = schema.faithful.safeParse(body);
  if (!faithful.success) return refusal(faithful.error.issues, body, schema.faithful, options);
  if (options.strict) return refusal(strict.error.issues, body, schema.strict, options);
  const problems = new Problems();
  const raw = asRecord(body);
  for (const issue of strict.error.issues)
    describeIssue(issue, raw, schema.strict, problems, 'warning');
  return { value: faithful.data, warnings: problems.findings };
}

/** The field names an object schema defines at `path` (through optional, default and pipe wrappers). */
function knownNames(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    for (let i = 0; i < 8; i++) {
      if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
        s = s.unwrap();
      else if (s instanceof z.ZodPipe) s = s.out;
      else return s;
    }
    return s;
  };
  for (const segment of path) {
    const object = unwrap(current);
    if (!(object instanceof z.ZodObject) || !Object.hasOwn(object.shape, segment)) return [];
    current = object.shape[String(segment)];
  }
  const object = unwrap(current);
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}
