/**
 * The public step library's catalogue: docs/steps.md is current, every step is documented with a
 * working example, no two steps match the same text, and the library imports in plain Node.
 *
 * To regenerate docs/steps.md:
 *   npm run docs:steps
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  CucumberExpression,
  ParameterType,
  ParameterTypeRegistry,
} from '@cucumber/cucumber-expressions';
import { PARAMETERS, parameterRegexp, STEPS } from '../steps/support/defineStep.ts';
import { nearestSteps, renderStepsMarkdown, renderStepsText } from '../steps/library/catalogue.ts';

const registry = new ParameterTypeRegistry();
for (const p of PARAMETERS)
  registry.defineParameterType(
    new ParameterType(p.name, parameterRegexp(p), null, (...m: string[]) => m, true, false),
  );
const expressions = STEPS.map((step) => ({
  step,
  expression: new CucumberExpression(step.text, registry),
}));

/** The example's first line without its keyword: the step text Cucumber matches. */
const exampleText = (example: string) =>
  (example.split('\n')[0] ?? '').replace(/^(Given|When|Then|And|But) /, '');

describe('the step catalogue', () => {
  it('docs/steps.md is current (regenerate it with npm run docs:steps)', () => {
    assert.equal(
      readFileSync(new URL('../docs/steps.md', import.meta.url), 'utf8'),
      renderStepsMarkdown(),
    );
  });

  it('documents every step with a description and an example its own expression matches', () => {
    assert.ok(STEPS.length > 50, `only ${STEPS.length} steps`);
    for (const { step, expression } of expressions) {
      assert.ok(step.description.length > 10, `${step.text}: no description`);
      assert.ok(step.example.startsWith(`${step.keyword} `), `${step.text}: example keyword`);
      assert.ok(
        expression.match(exampleText(step.example)),
        `${step.text}: its example does not match`,
      );
    }
  });

  it('no example matches a second step (Cucumber would call it ambiguous)', () => {
    for (const { step } of expressions) {
      const matching = expressions.filter(({ expression }) =>
        expression.match(exampleText(step.example)),
      );
      assert.deepEqual(
        matching.map((m) => m.step.text),
        [step.text],
      );
    }
  });

  it('prints every step for `coincover-mock steps`', () => {
    const text = renderStepsText();
    for (const step of STEPS) assert.ok(text.includes(`${step.keyword} ${step.text}`), step.text);
  });

  it('suggests the nearest library steps for a step that matches none', () => {
    assert.deepEqual(
      nearestSteps('Given the client assigns an rsa4096 key in the HOT environment', 1),
      ['When a(n) {environment} {keyType} key is assigned'],
    );
    assert.equal(
      nearestSteps('Then the response code is 200')[0],
      'Then the response status is {int}',
    );
    assert.equal(nearestSteps('anything at all', 5).length, 5);
  });
});
