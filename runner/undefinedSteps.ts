/**
 * The steps of a run that matched no step definition, read from the run's messages, each shown
 * with the library steps nearest to it (after Cucumber's own snippet for it).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TestStepResultStatus,
  type Envelope,
  type FeatureChild,
  type Step,
} from '@cucumber/messages';
import type { StepCatalogue } from './stepLibrary.ts';

export interface UndefinedStep {
  /** As written, with its keyword: "When the client frobnicates". */
  text: string;
  /** The step's text without its keyword, which the catalogue is searched with. */
  bare: string;
  /** Where it is written: features/backup.feature:12. */
  where: string;
}

function stepsOf(children: readonly FeatureChild[]): Step[] {
  return children.flatMap((child) => [
    ...(child.background?.steps ?? []),
    ...(child.scenario?.steps ?? []),
    ...(child.rule ? stepsOf(child.rule.children) : []),
  ]);
}

export class UndefinedSteps {
  private readonly astSteps = new Map<string, { step: Step; uri: string }>();
  private readonly pickleSteps = new Map<string, { astNodeId: string | undefined }>();
  private readonly testSteps = new Map<string, string>();
  private readonly undefinedTestSteps: string[] = [];

  onMessage(envelope: Envelope): void {
    const { gherkinDocument, pickle, testCase, testStepFinished } = envelope;
    if (gherkinDocument?.feature && gherkinDocument.uri) {
      for (const step of stepsOf(gherkinDocument.feature.children))
        this.astSteps.set(step.id, { step, uri: gherkinDocument.uri });
    }
    if (pickle)
      for (const step of pickle.steps)
        this.pickleSteps.set(step.id, { astNodeId: step.astNodeIds[0] });
    if (testCase)
      for (const step of testCase.testSteps)
        if (step.pickleStepId) this.testSteps.set(step.id, step.pickleStepId);
    if (testStepFinished?.testStepResult.status === TestStepResultStatus.UNDEFINED)
      this.undefinedTestSteps.push(testStepFinished.testStepId);
  }

  /** Each undefined step once, in the order met, with its place relative to cwd. */
  list(cwd: string): UndefinedStep[] {
    const seen = new Map<string, UndefinedStep>();
    for (const testStepId of this.undefinedTestSteps) {
      const pickleStepId = this.testSteps.get(testStepId);
      const astNodeId = pickleStepId && this.pickleSteps.get(pickleStepId)?.astNodeId;
      const ast = astNodeId ? this.astSteps.get(astNodeId) : undefined;
      if (!ast) continue;
      const text = `${ast.step.keyword.trim()} ${ast.step.text}`;
      if (seen.has(text)) continue;
      const file = ast.uri.startsWith('file:') ? fileURLToPath(ast.uri) : ast.uri;
      const shown = relative(cwd, file) || file;
      seen.set(text, { text, bare: ast.step.text, where: `${shown}:${ast.step.location.line}` });
    }
    return [...seen.values()];
  }
}

export function formatUndefinedSteps(
  steps: UndefinedStep[],
  catalogue: Pick<StepCatalogue, 'nearestSteps'>,
): string {
  return steps
    .map((step) => {
      const nearest = catalogue.nearestSteps(step.bare, 3);
      return `Undefined step: ${step.text} (${step.where})\n  nearest library steps:\n${nearest.map((s) => `    ${s}`).join('\n')}\n`;
    })
    .join('');
}
