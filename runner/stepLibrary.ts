/**
 * The public step library as `coincover-mock test` and `coincover-mock steps` load it: the
 * modules Cucumber imports (sources under tsx, compiled JavaScript when installed) and the step
 * catalogue (steps/library/catalogue.ts), imported only by the commands that need it.
 */
import { pathToFileURL } from 'node:url';
import { runnableFile } from '../mock-server/packagePaths.ts';

/** What the step catalogue module exports. */
export interface StepCatalogue {
  renderStepsText(): string;
  renderStepsMarkdown(): string;
  nearestSteps(text: string, n?: number): string[];
}

/** Cucumber's `import` list for the library: its index registers every step, hook and the World. */
export function stepLibraryImports(): string[] {
  return [runnableFile('steps/library/index.ts')];
}

export async function loadStepCatalogue(): Promise<StepCatalogue> {
  const file = runnableFile('steps/library/catalogue.ts');
  return (await import(pathToFileURL(file).href)) as StepCatalogue;
}
