/**
 * Findings: what the diagnosis engine concluded about one request. Codes come from the fault
 * catalogue (fixtures/faults/catalogue.json), the single definition of the closed set.
 */
import catalogue from '../../fixtures/faults/catalogue.json' with { type: 'json' };

export type FaultCode = keyof typeof catalogue.faults;
export type Severity = 'error' | 'warning';
export type FixLanguage = keyof typeof catalogue.languages;

export interface FaultEntry {
  severity: Severity;
  status: number | null;
  detected_by: 'server' | 'runner';
  title: string;
  description: string;
  effect: string;
  cause: string;
  fix: Record<FixLanguage, string>;
  references: string[];
}

export const FAULTS: Readonly<Record<FaultCode, FaultEntry>> = catalogue.faults as Record<
  FaultCode,
  FaultEntry
>;
export const FAULT_CODES = Object.keys(FAULTS) as FaultCode[];

export function isFaultCode(value: string): value is FaultCode {
  return Object.hasOwn(FAULTS, value);
}

export interface Finding {
  code: FaultCode;
  severity: Severity;
  /** Plain-language explanation of what arrived; never contains plaintext, keys or tokens. */
  message: string;
  fix: Record<FixLanguage, string>;
  details?: Record<string, unknown>;
}

export function finding(
  code: FaultCode,
  message: string,
  details?: Record<string, unknown>,
): Finding {
  const entry = FAULTS[code];
  return {
    code,
    severity: entry.severity,
    message,
    fix: entry.fix,
    ...(details ? { details } : {}),
  };
}

/** At most this many findings are kept per request; the rest are only counted, by code. */
export const MAX_FINDINGS = 20;
/** A finding's message is cut to this many characters. */
export const MAX_FINDING_MESSAGE = 1000;
/** A finding's details, as JSON, are kept only up to this many characters; beyond, they are replaced by a note. */
export const MAX_FINDING_DETAILS = 2000;

/** What was left out of a request's findings: how many, and how many of each code. */
export interface OmittedFindings {
  count: number;
  by_code: Partial<Record<FaultCode, number>>;
}

export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

function bounded(f: Finding): Finding {
  const message = clip(f.message, MAX_FINDING_MESSAGE);
  if (f.details === undefined) return message === f.message ? f : { ...f, message };
  const size = JSON.stringify(f.details).length;
  const details =
    size <= MAX_FINDING_DETAILS
      ? f.details
      : { omitted: `details of ${size} characters, over the ${MAX_FINDING_DETAILS} kept` };
  return { ...f, message, details };
}

/**
 * The findings of one request, bounded in count and size whatever arrives: the first MAX_FINDINGS
 * are kept (each message and its details cut to size), the rest only counted by code. Everything
 * that collects findings (validation, the diagnosis, the request context, the journal) uses it, so
 * no request can make an entry, a header or a response grow with its input.
 */
export class FindingList implements Iterable<Finding> {
  private readonly kept: Finding[] = [];
  private omittedCount = 0;
  private readonly omittedByCode = new Map<FaultCode, number>();

  /** `transform` rewrites each finding as it is kept (the request context redacts with it). */
  constructor(
    findings: Iterable<Finding> = [],
    private readonly transform: (f: Finding) => Finding = (f) => f,
  ) {
    this.addAll(findings);
  }

  add(f: Finding): void {
    if (this.kept.length < MAX_FINDINGS) {
      this.kept.push(bounded(this.transform(bounded(f))));
      return;
    }
    this.omittedCount += 1;
    this.omittedByCode.set(f.code, (this.omittedByCode.get(f.code) ?? 0) + 1);
  }

  /** One at a time: never `push(...list)`, whose argument count is bounded by the stack. Another list brings its omitted counts. */
  addAll(findings: Iterable<Finding>): void {
    for (const f of findings) this.add(f);
    if (findings instanceof FindingList) {
      for (const [code, n] of findings.omittedByCode) {
        this.omittedCount += n;
        this.omittedByCode.set(code, (this.omittedByCode.get(code) ?? 0) + n);
      }
    }
  }

  get size(): number {
    return this.kept.length + this.omittedCount;
  }

  /** The distinct codes, kept and omitted, in the order first seen (at most the catalogue's size). */
  codes(): FaultCode[] {
    return [...new Set([...this.kept.map((f) => f.code), ...this.omittedByCode.keys()])];
  }

  list(): readonly Finding[] {
    return this.kept;
  }

  omitted(): OmittedFindings | undefined {
    if (this.omittedCount === 0) return undefined;
    return { count: this.omittedCount, by_code: Object.fromEntries(this.omittedByCode) };
  }

  [Symbol.iterator](): Iterator<Finding> {
    return this.kept[Symbol.iterator]();
  }
}
