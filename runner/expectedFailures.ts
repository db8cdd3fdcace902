/**
 * The expected-failures file: how a team adopts the conformance gate gradually. Each entry allows
 * one requirement (or one scenario, by name) to fail with one fault code, and says why. A failure
 * passes the gate only when every fault it shows is allowed, so a second, new mistake in an
 * allowed scenario still fails the build. `fault: not_checked` lets a requirement that could not
 * be checked pass the gate. YAML, so JSON works too.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';

export interface ExpectedFailure {
  requirement?: string;
  scenario?: string;
  fault: string;
  reason: string;
  line: number;
}

export class ExpectedFailuresError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ExpectedFailuresError';
  }
}

export const FAULT_CODE = /^[a-z0-9]+(_[a-z0-9]+)*$/;
/** The reserved "fault" of an entry that lets a requirement go unchecked (as --allow-unchecked does). */
export const NOT_CHECKED = 'not_checked';
export const ENTRY_KEYS = ['requirement', 'scenario', 'fault', 'reason'] as const;
export const ONE_OF_REQUIREMENT_OR_SCENARIO =
  'an entry needs exactly one of "requirement" or "scenario"';

const text = (field: string) =>
  z
    .string({ error: `"${field}" must be a string` })
    .trim()
    .min(1, `"${field}" must not be empty`);
const entrySchema = z.strictObject({
  // Tags are written "@req-backup-hot" in features; the file holds "backup-hot", and a prefix would never match.
  requirement: text('requirement')
    .refine(
      (id) => !/^@|^req-/.test(id),
      '"requirement" is the tag without "@req-" (for @req-backup-hot write backup-hot)',
    )
    .optional(),
  scenario: text('scenario').optional(),
  fault: z
    .string({ error: '"fault" must be a string' })
    .regex(
      FAULT_CODE,
      `"fault" must be a snake_case fault code such as oaep_mgf1_mismatch, or ${NOT_CHECKED}`,
    ),
  reason: text('reason'),
});

/** The line of a field's key in an entry, or of the entry itself when the field is absent. */
function lineOf(entry: Node, field: PropertyKey | undefined, lines: LineCounter): number {
  const pair =
    isMap(entry) && typeof field === 'string'
      ? entry.items.find(
          (item) => String((item.key as { value?: unknown } | null)?.value) === field,
        )
      : undefined;
  const node = (pair?.key ?? entry) as Node;
  return lines.linePos(node.range?.[0] ?? 0).line;
}

export function parseExpectedFailures(file: string, source: string): ExpectedFailure[] {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const fail = (line: number, reason: string): never => {
    throw new ExpectedFailuresError(file, line, reason);
  };
  const syntax = document.errors[0];
  if (syntax) fail(lines.linePos(syntax.pos[0]).line, `invalid YAML: ${syntax.message}`);
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return []; // an empty file allows nothing
  if (!isSeq(root))
    return fail(
      lines.linePos(root.range?.[0] ?? 0).line,
      'expected a list of entries (each starting with "- ")',
    );
  return root.items.map((item) => {
    const entry = item as Node;
    const entryLine = lineOf(entry, undefined, lines);
    if (!isMap(entry))
      return fail(entryLine, `an entry must be a mapping with the keys ${ENTRY_KEYS.join(', ')}`);
    const json = entry.toJSON() as Record<string, unknown>;
    const parsed = entrySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
      const given = typeof field === 'string' ? json[field] : undefined;
      const reason =
        issue.code === 'unrecognized_keys'
          ? `unknown key "${String(field)}" (allowed: ${ENTRY_KEYS.join(', ')})`
          : given === undefined
            ? `missing "${String(field)}"`
            : given === null
              ? `"${String(field)}" must not be empty` // "reason:" with nothing after it
              : issue.message;
      return fail(lineOf(entry, field, lines), reason);
    }
    const { requirement, scenario, fault, reason } = parsed.data;
    if ((requirement === undefined) === (scenario === undefined))
      return fail(entryLine, ONE_OF_REQUIREMENT_OR_SCENARIO);
    return {
      ...(requirement !== undefined ? { requirement } : { scenario: scenario! }),
      fault,
      reason,
      line: entryLine,
    };
  });
}

export function loadExpectedFailures(file: string): ExpectedFailure[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ExpectedFailuresError(
      file,
      0,
      `cannot read the file: ${(error as Error).message.split(',')[0]}`,
    );
  }
  return parseExpectedFailures(file, source);
}

export interface ObservedFailure {
  requirement: string;
  scenario: string;
  faults: string[];
}

/** The entries that allow some fault of this failure (matched by requirement id or scenario name). */
export function matchExpected(
  list: readonly ExpectedFailure[],
  failure: ObservedFailure,
): ExpectedFailure[] {
  return list.filter(
    (entry) =>
      (entry.requirement === failure.requirement || entry.scenario === failure.scenario) &&
      failure.faults.includes(entry.fault),
  );
}

/** A failure with no fault code is never allowed: nothing says what went wrong, so nothing can excuse it. */
export function isFullyAllowed(
  list: readonly ExpectedFailure[],
  failure: ObservedFailure,
): boolean {
  const allowed = new Set(matchExpected(list, failure).map((entry) => entry.fault));
  return failure.faults.length > 0 && failure.faults.every((fault) => allowed.has(fault));
}
