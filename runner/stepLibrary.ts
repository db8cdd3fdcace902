/**
 * The public step library as `coincover-mock test` and `coincover-mock steps` load it: the
 * modules Cucumber imports (sources under tsx, compiled JavaScript when installed) and the step
 * catalogue (steps/library/catalogue.ts).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runnableFile } from '../mock-server/packagePaths.ts';

/** What the step catalogue module exports. */
export interface StepCatalogue {
  renderStepsText(): string;
  renderStepsMarkdown(): string;
  nearestSteps(text: string, n?: number): string[];
}

const LIBRARY_INDEX = 'steps/library/index.ts';
const CATALOGUE = 'steps/library/catalogue.ts';

/** Cucumber's `import` list for the library: its index registers every step, hook and the World. */
export function stepLibraryImports(): string[] {
  const index = runnableFile(LIBRARY_INDEX);
  if (existsSync(index)) return [index];
  // TEMPORARY, until steps/library/ exists: the step files of the repository.
  return [runnableFile('steps/*.ts'), runnableFile('steps/support/*.ts')];
}

export async function loadStepCatalogue(): Promise<StepCatalogue> {
  const file = runnableFile(CATALOGUE);
  if (existsSync(file)) return (await import(pathToFileURL(file).href)) as StepCatalogue;
  // TEMPORARY, until steps/library/catalogue.ts exists.
  return import('./stepCatalogueStub.ts');
}
