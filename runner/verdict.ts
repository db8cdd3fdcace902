/**
 * The gate's verdict: each requirement's result judged against the expected-failures list and the
 * requirements allowed to go unchecked. The gate passes only when every requirement passed, failed
 * exactly as allowed, or could not be checked and was allowed to; an allowed failure that now
 * passes is reported too, so the list only ever shrinks. A requirement that could not be checked
 * fails the gate by default: a client that hides from a check must not pass it.
 */
import {
  isFullyAllowed,
  matchExpected,
  NOT_CHECKED,
  type ExpectedFailure,
} from './expectedFailures.ts';
import type { ScenarioResult } from './results.ts';

export type Verdict =
  'pass' | 'fail' | 'allowed-failure' | 'now-passing' | 'not-checked' | 'allowed-unchecked';

export const VERDICTS: readonly Verdict[] = [
  'pass',
  'fail',
  'allowed-failure',
  'now-passing',
  'not-checked',
  'allowed-unchecked',
];

export interface RequirementVerdict extends ScenarioResult {
  verdict: Verdict;
  faults: string[];
  allowedBy: ExpectedFailure[];
}

export interface GateVerdict {
  passed: boolean;
  requirements: RequirementVerdict[];
  counts: Record<Verdict, number>;
  /** Expected-failure entries that matched no requirement of this run. */
  unusedExpectations: ExpectedFailure[];
}

/** How a requirement that was not checked may be let through: --allow-unchecked or an expected-failures entry. */
export function judge(
  results: readonly ScenarioResult[],
  expected: readonly ExpectedFailure[],
  allowUnchecked: readonly string[] = [],
): GateVerdict {
  const used = new Set<ExpectedFailure>();
  const requirements = results.map((result): RequirementVerdict => {
    const faults = [...new Set(result.findings.map((f) => f.code))];
    const observed = { requirement: result.requirement, scenario: result.scenario, faults };
    const entries = expected.filter(
      (e) => e.requirement === result.requirement || e.scenario === result.scenario,
    );
    entries.forEach((e) => used.add(e));
    const uncheckedEntries = entries.filter((e) => e.fault === NOT_CHECKED);
    let verdict: Verdict;
    let allowedBy: ExpectedFailure[] = entries;
    if (result.status === 'skipped') {
      const allowed = allowUnchecked.includes(result.requirement) || uncheckedEntries.length > 0;
      verdict = allowed ? 'allowed-unchecked' : 'not-checked';
      allowedBy = uncheckedEntries;
    } else if (result.status === 'passed') verdict = entries.length > 0 ? 'now-passing' : 'pass';
    else {
      verdict =
        faults.length > 0 && isFullyAllowed(expected, observed) ? 'allowed-failure' : 'fail';
      if (verdict === 'allowed-failure') allowedBy = matchExpected(expected, observed);
    }
    return { ...result, verdict, faults, allowedBy };
  });
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of requirements) counts[r.verdict] += 1;
  return {
    passed:
      counts.fail === 0 &&
      counts['now-passing'] === 0 &&
      counts['not-checked'] === 0 &&
      requirements.length > 0,
    requirements,
    counts,
    unusedExpectations: expected.filter((e) => !used.has(e)),
  };
}
