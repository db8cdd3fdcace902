/**
 * The conformance summary: conformance.json (for tools), conformance.md (for people and CI job
 * summaries) and conformance.html (self-contained, the fix for each failure inline), one row per
 * requirement with its verdict, fault codes and what was observed. Cited requests link to their
 * journal entries, written beside the reports. Built only from findings and redacted client
 * output, and redacted once more on the way out: no secret or plaintext reaches it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import escapeHtml from 'escape-html';
import { RUNNER_SECRETS } from './recoveryMaterial.ts';
import { redactSecrets } from './redaction.ts';
import type { ConformanceFinding } from './requirements/world.ts';
import { JOURNAL_DIR } from './results.ts';
import type { GateVerdict, RequirementVerdict, Verdict } from './verdict.ts';

const LABEL: Record<Verdict, string> = {
  pass: 'pass',
  fail: 'fail',
  'allowed-failure': 'allowed failure',
  'now-passing': 'passes, but is listed as an expected failure',
  'not-checked': 'not checked (fails the gate)',
  'allowed-unchecked': 'not checked (allowed)',
};
const ICON: Record<Verdict, string> = {
  pass: '✅',
  fail: '❌',
  'allowed-failure': '⚠️',
  'now-passing': '❗',
  'not-checked': '➖',
  'allowed-unchecked': '➖',
};

export interface RunInfo {
  client: string;
  startedAt: string;
  durationMs: number;
  timeoutSeconds: number;
}

const redact = (text: string) => redactSecrets(text, RUNNER_SECRETS);

export function writeSummary(dir: string, gate: GateVerdict, info: RunInfo): void {
  const json = {
    format: 'coincover-mock-conformance/2',
    passed: gate.passed,
    client: info.client,
    started_at: info.startedAt,
    duration_ms: Math.round(info.durationMs),
    timeout_s: info.timeoutSeconds,
    counts: gate.counts,
    journal_dir: JOURNAL_DIR,
    requirements: gate.requirements.map((r) => ({
      requirement: r.requirement,
      scenario: r.scenario,
      feature: r.uri,
      verdict: r.verdict,
      fault_codes: r.faults,
      findings: r.findings,
      observed: r.observations,
      not_checked: r.unchecked,
      client_runs: r.clientRuns,
      request_ids: requestIds(r),
      error: r.findings.length === 0 ? r.error : null,
      allowed_by: r.allowedBy.map((e) => ({ ...e })),
      duration_ms: Math.round(r.durationMs),
    })),
    unused_expected_failures: gate.unusedExpectations,
  };
  writeFileSync(join(dir, 'conformance.json'), redact(`${JSON.stringify(json, null, 2)}\n`));
  writeFileSync(join(dir, 'conformance.md'), redact(markdown(gate, info)));
  writeFileSync(join(dir, 'conformance.html'), redact(html(gate, info)));
}

/** Every request a row cites: its findings' and its client runs'. */
function requestIds(r: RequirementVerdict): string[] {
  return [
    ...new Set([
      ...r.findings.flatMap((f) => f.evidence.request_ids ?? []),
      ...r.clientRuns.flatMap((c) => c.request_ids ?? []),
    ]),
  ];
}

const journalLink = (id: string) => `${JOURNAL_DIR}/${id}.json`;

function runSummary(r: RequirementVerdict, timeoutSeconds: number): string {
  return r.clientRuns
    .map((c) =>
      c.timed_out
        ? `timed out after ${timeoutSeconds} s`
        : `exit ${c.exit_code ?? `signal ${c.signal}`}, ${(c.duration_ms / 1000).toFixed(1)} s`,
    )
    .join('; ');
}

/** One line of what happened, for a table cell. */
function evidenceText(r: RequirementVerdict): string {
  if (r.findings.length > 0) return r.findings.map((f) => f.message).join('; ');
  if (r.unchecked.length > 0)
    return r.unchecked.map((u) => `${u.reason} To make it checkable: ${u.how}`).join(' ');
  if (r.observations.length > 0) return r.observations.join(' ');
  return r.error?.split('\n')[0] ?? '';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function countsLine(gate: GateVerdict): string {
  return Object.entries(gate.counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${LABEL[v as Verdict]}`)
    .join(', ');
}

function fixesOf(gate: GateVerdict): Map<string, Record<string, string>> {
  const fixes = new Map<string, Record<string, string>>();
  for (const r of gate.requirements)
    for (const f of r.findings) if (f.fix && !fixes.has(f.code)) fixes.set(f.code, f.fix);
  return fixes;
}

function fixLines(fix: Record<string, string>): string[] {
  const texts = Object.entries(fix);
  const same = new Set(texts.map(([, text]) => text)).size === 1;
  return same ? [texts[0]?.[1] ?? ''] : texts.map(([lang, text]) => `- **${lang}**: ${text}`);
}

function markdown(gate: GateVerdict, info: RunInfo): string {
  const lines = [
    `# CoinCover conformance: ${gate.passed ? 'PASSED' : 'FAILED'}`,
    '',
    `Client: \`${cell(info.client)}\` · ${info.startedAt} · ${(info.durationMs / 1000).toFixed(1)} s · time limit ${info.timeoutSeconds} s per run · ${countsLine(gate)}`,
    '',
    '| Requirement | Verdict | Fault codes | Observed | Client runs | Requests |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of gate.requirements) {
    const requests = requestIds(r)
      .map((id) => `[${id.slice(0, 8)}](${journalLink(id)})`)
      .join(' ');
    lines.push(
      `| \`${r.requirement}\` ${cell(r.scenario)} | ${ICON[r.verdict]} ${LABEL[r.verdict]} | ${r.faults.map((c) => `\`${c}\``).join(' ')} | ${cell(evidenceText(r))} | ${cell(runSummary(r, info.timeoutSeconds))} | ${requests} |`,
    );
  }
  const stderr = gate.requirements.filter(
    (r) => r.verdict === 'fail' && r.faults.includes('client_failed'),
  );
  if (stderr.length > 0) {
    lines.push('', '## Client output of failed runs (redacted)', '');
    for (const r of stderr) {
      const tail = r.clientRuns.at(-1)?.stderr_tail.trim() ?? '';
      lines.push(
        `### \`${r.requirement}\``,
        '',
        '```text',
        tail.slice(-1500).replace(/```/g, "'''") || '(nothing on stderr)',
        '```',
        '',
      );
    }
  }
  const unchecked = gate.requirements.filter(
    (r) => r.verdict === 'not-checked' || r.verdict === 'allowed-unchecked',
  );
  if (unchecked.length > 0) {
    lines.push('', '## Not checked', '');
    for (const r of unchecked) {
      for (const u of r.unchecked)
        lines.push(
          `- \`${r.requirement}\` (${LABEL[r.verdict]}): ${u.reason} To make it checkable: ${u.how} To let it through instead: \`--allow-unchecked ${r.requirement}\`.`,
        );
    }
  }
  const fixes = fixesOf(gate);
  if (fixes.size > 0) {
    lines.push('', '## How to fix', '');
    for (const [code, fix] of fixes) lines.push(`### \`${code}\``, '', ...fixLines(fix), '');
  }
  if (gate.unusedExpectations.length > 0) {
    lines.push(
      '',
      '## Expected failures that matched nothing in this run',
      '',
      ...gate.unusedExpectations.map(
        (e) => `- line ${e.line}: ${e.requirement ?? e.scenario} / \`${e.fault}\``,
      ),
    );
  }
  lines.push(
    '',
    `Each request id links to its journal entry (\`${JOURNAL_DIR}/<id>.json\`, written beside this report), which outlives the mock of this run.`,
  );
  return `${lines.join('\n')}\n`;
}

function findingHtml(f: ConformanceFinding): string {
  const ids = f.evidence.request_ids ?? [];
  const rest = Object.entries(f.evidence).filter(([k]) => k !== 'request_ids');
  const fix = f.fix ? Object.entries(f.fix) : [];
  return [
    `<div class="finding"><p><code>${escapeHtml(f.code)}</code>: ${escapeHtml(f.message)}</p>`,
    rest.length > 0
      ? `<ul>${rest.map(([k, v]) => `<li>${escapeHtml(k)}: <code>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</code></li>`).join('')}</ul>`
      : '',
    ids.length > 0
      ? `<p>Requests: ${ids.map((id) => `<a href="${escapeHtml(journalLink(id))}">${escapeHtml(id)}</a>`).join(', ')}</p>`
      : '',
    fix.length === 0
      ? ''
      : new Set(fix.map(([, text]) => text)).size === 1
        ? `<details open><summary>How to fix</summary><p>${escapeHtml(fix[0]?.[1] ?? '')}</p></details>`
        : `<details open><summary>How to fix</summary><dl>${fix.map(([lang, text]) => `<dt>${escapeHtml(lang)}</dt><dd><code>${escapeHtml(text)}</code></dd>`).join('')}</dl></details>`,
    '</div>',
  ].join('');
}

function html(gate: GateVerdict, info: RunInfo): string {
  const rows = gate.requirements.map((r) => {
    const body =
      r.findings.length > 0
        ? r.findings.map(findingHtml).join('')
        : r.unchecked.length > 0
          ? r.unchecked
              .map(
                (u) =>
                  `<p>${escapeHtml(u.reason)}</p><p>To make it checkable: ${escapeHtml(u.how)}</p>`,
              )
              .join('')
          : r.observations.map((o) => `<p>${escapeHtml(o)}</p>`).join('') ||
            `<p>${escapeHtml(r.error?.split('\n')[0] ?? '')}</p>`;
    const stderr =
      r.verdict === 'fail' && r.faults.includes('client_failed')
        ? `<details><summary>stderr (redacted)</summary><pre>${escapeHtml(r.clientRuns.at(-1)?.stderr_tail ?? '')}</pre></details>`
        : '';
    const requests = requestIds(r)
      .map((id) => `<a href="${escapeHtml(journalLink(id))}">${escapeHtml(id.slice(0, 8))}</a>`)
      .join(' ');
    return `<tr class="${escapeHtml(r.verdict)}"><td><code>${escapeHtml(r.requirement)}</code><br>${escapeHtml(r.scenario)}</td><td>${ICON[r.verdict]} ${escapeHtml(LABEL[r.verdict])}</td><td>${body}${stderr}</td><td>${escapeHtml(runSummary(r, info.timeoutSeconds))}</td><td>${requests}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CoinCover conformance: ${gate.passed ? 'PASSED' : 'FAILED'}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;line-height:1.4}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}tr.fail,tr.not-checked,tr.now-passing{background:#fdecec}tr.pass{background:#eefaf0}tr.allowed-failure,tr.allowed-unchecked{background:#fff8e6}code,pre{font-size:.9em;white-space:pre-wrap;word-break:break-all}.finding{margin-bottom:.6em}</style></head>
<body><h1>CoinCover conformance: ${gate.passed ? 'PASSED' : 'FAILED'}</h1>
<p>Client: <code>${escapeHtml(info.client)}</code> · ${escapeHtml(info.startedAt)} · ${(info.durationMs / 1000).toFixed(1)} s · time limit ${info.timeoutSeconds} s per run · ${escapeHtml(countsLine(gate))}</p>
<table><thead><tr><th>Requirement</th><th>Verdict</th><th>Observed, and the fix</th><th>Client runs</th><th>Requests (journal entries)</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p>Request ids link to their journal entries in <code>${JOURNAL_DIR}/</code> beside this file.</p>
</body></html>
`;
}
