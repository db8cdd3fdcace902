/**
 * The step catalogue, read from the same records Cucumber registers (steps/support/defineStep.ts):
 * `coincover-mock steps` prints renderStepsText(), docs/steps.md is renderStepsMarkdown() (a test
 * fails when the file is stale), and nearestSteps() suggests steps for one that matches nothing.
 * Importing this module starts nothing and registers nothing with Cucumber.
 */
import {
  DOMAINS,
  PARAMETERS,
  parameterRegexp,
  STEPS,
  type ParameterDoc,
  type RecordedStep,
} from '../support/defineStep.ts';
import './steps.ts';

export interface CatalogueEntry {
  domain: string;
  keyword: string;
  text: string;
  parameters: Record<string, string>;
  example: string;
  description: string;
}

/** Every library step, grouped by domain in the catalogue's order. */
export function catalogue(): CatalogueEntry[] {
  const order = Object.keys(DOMAINS);
  return [...STEPS]
    .sort((a, b) => order.indexOf(a.domain) - order.indexOf(b.domain))
    .map((s) => ({
      domain: DOMAINS[s.domain],
      keyword: s.keyword,
      text: s.text,
      parameters: s.parameters ?? {},
      example: s.example,
      description: s.description,
    }));
}

const parameterValues = (p: ParameterDoc) =>
  p.values
    ? p.values.map((v) => `\`${v}\``).join(', ')
    : (p.accepts ?? `matches \`${parameterRegexp(p).source}\``);

const byDomain = () => {
  const groups = new Map<string, CatalogueEntry[]>();
  for (const entry of catalogue())
    groups.set(entry.domain, [...(groups.get(entry.domain) ?? []), entry]);
  return groups;
};

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');

/** For `coincover-mock steps`: every step with its parameters and one example. */
export function renderStepsText(): string {
  const out: string[] = [
    'coincover-mock step library: every step, its parameters and an example (docs/steps.md has the same).',
    '',
    'Parameter types:',
    ...PARAMETERS.map(
      (p) => `  {${p.name}}  ${p.description}; ${parameterValues(p).replace(/`/g, '')}`,
    ),
    '',
  ];
  for (const [domain, entries] of byDomain()) {
    out.push(`${domain}`, `${'-'.repeat(domain.length)}`);
    for (const e of entries) {
      out.push(`${e.keyword} ${e.text}`);
      out.push(indent(e.description, '    '));
      for (const [name, meaning] of Object.entries(e.parameters))
        out.push(`    {${name}}: ${meaning}`);
      out.push(`    e.g. ${e.example.split('\n').join('\n         ')}`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** docs/steps.md. */
export function renderStepsMarkdown(): string {
  const out: string[] = [
    '# Step catalogue',
    '',
    '<!-- Generated from the step definitions in steps/library/ (renderStepsMarkdown in steps/library/catalogue.ts); do not edit by hand. -->',
    '',
    'The public step library, loaded by `coincover-mock test` or by `cucumber-js --import` of the',
    "package's `./steps` export. Every step below is written in one voice: what is done or what",
    'holds, never who does it. The steps and this page are made from the same definitions.',
    '',
    '- **Names are made unique per scenario.** A user, organisation or package a feature names',
    '  (`"alice@acme.io"`, `"org-123"`) is sent with a per-scenario nonce added',
    '  (`alice+1a2b3c4d@acme.io`, `org-123-1a2b3c4d`), so scenarios never collide on a shared mock.',
    '  Without a named actor, each scenario has a generated user, organisation and package.',
    '- **Keys and backups by alias.** An assignment answered 200 is kept as `the key` and as',
    '  `the <type> key`; `called "name"` adds `the key "name"`. A backup answered 200 is kept as',
    '  `the backup` (data) or `the file`. An alias used before it is defined fails the step, naming',
    '  the alias, the step and its feature line.',
    '- **Requests** authenticate with the test partner key unless a step says otherwise, and go to',
    '  the mock of `--mock-url` / COINCOVER_MOCK_URL, or to one started for the run.',
    '- **Every response must be checked** by a Then step, or the scenario fails; tag a scenario',
    '  `@unchecked-responses` to switch this off. See features/README.md for every hook and tag.',
    '',
    '## Parameter types',
    '',
    '| Parameter | Meaning | Accepts |',
    '| --- | --- | --- |',
    ...PARAMETERS.map(
      (p) => `| \`{${p.name}}\` | ${p.description} | ${parameterValues(p).replace(/\|/g, '\\|')} |`,
    ),
    "| `{string}`, `{int}`, `{word}` | Cucumber's own: a quoted text (\"…\" or '…'), an integer, a word | |",
    '',
  ];
  for (const [domain, entries] of byDomain()) {
    out.push(`## ${domain}`, '');
    for (const e of entries) {
      out.push(`### ${e.keyword} ${e.text}`, '', e.description, '');
      for (const [name, meaning] of Object.entries(e.parameters))
        out.push(`- \`{${name}}\`: ${meaning}`);
      if (Object.keys(e.parameters).length > 0) out.push('');
      out.push('```gherkin', e.example, '```', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// --- nearest steps -------------------------------------------------------------------------------

const KEYWORD = /^\s*(Given|When|Then|And|But|\*)\s+/i;

/** Words of a step text, its quoted texts and numbers turned into {string} and {int}. */
function wordsOfText(text: string): string[] {
  return text
    .replace(KEYWORD, '')
    .replace(/"[^"]*"|'[^']*'/g, ' {string} ')
    .replace(/\b\d+\b/g, ' {int} ')
    .toLowerCase()
    .split(/[\s,:]+/)
    .filter(Boolean);
}

/** Words of an expression: a(n) as "a", (s) dropped, parameters kept as {name}. */
function wordsOfExpression(expression: string): string[] {
  return expression
    .replace(/\(n\)/g, '')
    .replace(/\(s\)/g, '')
    .replace(/\\\//g, '/')
    .toLowerCase()
    .split(/[\s,:]+/)
    .filter(Boolean);
}

const valuesOf = new Map(PARAMETERS.map((p) => [`{${p.name.toLowerCase()}}`, p]));

/** Words that say little about which step is meant. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'is',
  'are',
  'of',
  'in',
  'with',
  'to',
  'and',
  'its',
  'it',
  'by',
  'as',
  'on',
]);

/** Compares words by their first four letters, so that "assigns" meets "assigned". */
const stem = (word: string) => (word.startsWith('{') ? word : word.slice(0, 4));

/** Whether an expression word takes a text word. */
function matches(expressionWord: string, word: string): boolean {
  if (stem(expressionWord) === stem(word)) return true;
  if (expressionWord === '{word}') return !word.startsWith('{');
  const parameter = valuesOf.get(expressionWord);
  if (!parameter) return false;
  return [...(parameter.values ?? []), ...(parameter.hints ?? [])].some(
    (v) => v.toLowerCase() === word,
  );
}

/** How far apart two texts are, from 0 (same content words) to 1 (none shared): 1 - Dice. */
function dissimilarity(expression: string[], words: string[]): number {
  const left = expression.filter((w) => !STOP_WORDS.has(w));
  const right = words.filter((w) => !STOP_WORDS.has(w));
  const unused = [...left];
  let shared = 0;
  for (const word of right) {
    const at = unused.findIndex((e) => matches(e, word));
    if (at >= 0) {
      shared += 1;
      unused.splice(at, 1);
    }
  }
  return 1 - (2 * shared) / Math.max(left.length + right.length, 1);
}

function score(step: RecordedStep, words: string[]): number {
  const example = wordsOfText(step.example.split('\n')[0] ?? '');
  return Math.min(
    dissimilarity(wordsOfExpression(step.text), words),
    dissimilarity(example, words),
  );
}

/** The `n` library steps nearest to a step text that matched none, as "Keyword expression". */
export function nearestSteps(text: string, n = 3): string[] {
  const words = wordsOfText(text);
  return [...STEPS]
    .map((step, index) => ({ step, index, score: score(step, words) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, n)
    .map(({ step }) => `${step.keyword} ${step.text}`);
}
