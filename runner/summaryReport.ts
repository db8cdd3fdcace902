/**
 * The conformance summary: conformance.json (for tools) and conformance.md (for people and CI job
 * summaries), one row per requirement with its verdict, fault codes and evidence. Built only from
 * findings and redacted client output: no secret or plaintext reaches it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GateVerdict, Verdict } from './verdict.ts';

const ICON: Record<Verdict, string> = { pass: '✅ pass', fail: '❌ fail', 'allowed-failure': '⚠️ allowed failure', 'now-passing': '❗ passes, but is listed as an expected failure', 'not-checked': '➖ not checked' };

export interface RunInfo {
  client: string;
  startedAt: string;
  durationMs: number;
}

export function writeSummary(dir: string, gate: GateVerdict, info: RunInfo): void {
  const json = {
    format: 'coincover-mock-conformance/1',
    passed: gate.passed,
    client: info.client,
    started_at: info.startedAt,
    duration_ms: Math.round(info.durationMs),
    counts: gate.counts,
    requirements: gate.requirements.map((r) => ({
      requirement: r.requirement,
      scenario: r.scenario,
      feature: r.uri,
      verdict: r.verdict,
      fault_codes: r.faults,
      findings: r.findings,
      client_runs: r.clientRuns,
      notes: r.notes,
      error: r.findings.length === 0 ? r.error : null,
      allowed_by: r.allowedBy.map((e) => ({ ...e })),
      duration_ms: Math.round(r.durationMs),
    })),
    unused_expected_failures: gate.unusedExpectations,
  };
  writeFileSync(join(dir, 'conformance.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(dir, 'conformance.md'), markdown(gate, info));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function markdown(gate: GateVerdict, info: RunInfo): string {
  const lines = [
    `# CoinCover conformance: ${gate.passed ? 'PASSED' : 'FAILED'}`,
    '',
    `Client: \`${cell(info.client)}\` · ${info.startedAt} · ${(info.durationMs / 1000).toFixed(1)} s · ${Object.entries(gate.counts).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`).join(', ')}`,
    '',
    '| Requirement | Verdict | Fault codes | Evidence |',
    '| --- | --- | --- | --- |',
  ];
  for (const r of gate.requirements) {
    const evidence = r.findings.length > 0
      ? r.findings.map((f) => `${f.message}${f.evidence.request_ids?.length ? ` (requests ${f.evidence.request_ids.join(', ')})` : ''}`).join('; ')
      : r.verdict === 'not-checked'
        ? r.notes.join(' ') || 'skipped: nothing to check (see the requirement)'
        : (r.error?.split('\n')[0] ?? '');
    lines.push(`| \`${r.requirement}\` ${cell(r.scenario)} | ${ICON[r.verdict]} | ${r.faults.map((c) => `\`${c}\``).join(' ')} | ${cell(evidence)} |`);
  }
  const fixes = gate.requirements.flatMap((r) => r.findings.filter((f) => f.fix).map((f) => [f.code, f.fix] as const));
  if (fixes.length > 0) {
    lines.push('', '## How to fix', '');
    for (const [code, fix] of new Map(fixes)) {
      const texts = Object.entries(fix ?? {});
      const same = new Set(texts.map(([, text]) => text)).size === 1;
      lines.push(`### \`${code}\``, '', ...(same ? [texts[0]?.[1] ?? ''] : texts.map(([lang, text]) => `- **${lang}**: ${text}`)), '');
    }
  }
  if (gate.unusedExpectations.length > 0) {
    lines.push('', '## Expected failures that matched nothing in this run', '', ...gate.unusedExpectations.map((e) => `- line ${e.line}: ${e.requirement ?? e.scenario} / \`${e.fault}\``));
  }
  return `${lines.join('\n')}\n`;
}
