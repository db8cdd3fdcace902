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

export const FAULTS: Readonly<Record<FaultCode, FaultEntry>> = catalogue.faults as Record<FaultCode, FaultEntry>;
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

export function finding(code: FaultCode, message: string, details?: Record<string, unknown>): Finding {
  const entry = FAULTS[code];
  return { code, severity: entry.severity, message, fix: entry.fix, ...(details ? { details } : {}) };
}
