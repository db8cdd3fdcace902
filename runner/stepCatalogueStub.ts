/**
 * TEMPORARY stand-in for steps/library/catalogue.ts, with the same three exports, so the `steps`
 * and `test` commands can be built and tested before the catalogue exists. Delete it (and its
 * fallback in stepLibrary.ts) once steps/library/catalogue.ts is there.
 */
const STEPS = [
  'When the client assigns an rsa4096 key in the {word} environment',
  'When the client assigns a {word} key called {string}',
  'Then the response status is {int}',
  'Then the request succeeds with no fault named',
  'Then the mock names the fault(s) {string}',
  'Then the signature verifies against the published JWKS',
];

export function renderStepsText(): string {
  return `${STEPS.join('\n')}\n`;
}

export function renderStepsMarkdown(): string {
  return `# Steps\n\n${STEPS.map((step) => `- \`${step}\``).join('\n')}\n`;
}

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

export function nearestSteps(text: string, n = 3): string[] {
  const wanted = words(text);
  const score = (step: string) => [...words(step)].filter((word) => wanted.has(word)).length;
  return [...STEPS].sort((a, b) => score(b) - score(a)).slice(0, n);
}
