/**
 * The gate's verdict: each requirement's result judged against the expected-failures list. The
 * gate passes only when every requirement passed or failed exactly as allowed; an allowed failure
 * that now passes is reported too, so the list only ever shrinks.
 */
import { isFullyAllowed, matchExpected, type ExpectedFailure } from './expectedFailures.ts';
import type { ScenarioResult } from './results.ts';

export type Verdict = 'pass' | 'fail' | 'allowed-failure' | 'now-passing' | 'not-checked';

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

export function judge(results: readonly ScenarioResult[], expected: readonly ExpectedFailure[]): GateVerdict {
  const used = new Set<ExpectedFailure>();
  const requirements = results.map((result): RequirementVerdict => {
    const faults = [...new Set(result.findings.map((f) => f.code))];
    const observed = { requirement: result.requirement, scenario: result.scenario, faults };
    const entries = expected.filter((e) => e.requirement === result.requirement || e.scenario === result.scenario);
    entries.forEach((e) => used.add(e));
    let verdict: Verdict;
    if (result.status === 'skipped') verdict = 'not-checked';
    else if (result.status === 'passed') verdict = entries.length > 0 ? 'now-passing' : 'pass';
    else verdict = faults.length > 0 && isFullyAllowed(expected, observed) ? 'allowed-failure' : 'fail';
    return { ...result, verdict, faults, allowedBy: verdict === 'allowed-failure' ? matchExpected(expected, observed) : entries };
  });
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, 'allowed-failure': 0, 'now-passing': 0, 'not-checked': 0 };
  for (const r of requirements) counts[r.verdict] += 1;
  return {
    passed: counts.fail === 0 && counts['now-passing'] === 0 && requirements.length > 0,
    requirements,
    counts,
    unusedExpectations: expected.filter((e) => !used.has(e)),
  };
}
