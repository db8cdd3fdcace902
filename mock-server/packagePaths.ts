/**
 * Where the package's files are, whether it runs from its TypeScript sources (a clone, through
 * tsx) or compiled (an installed package: JavaScript under dist/). Assets (features, fixtures,
 * docs) always sit at the package root; compiled code mirrors the source tree under dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** True when this module is the compiled JavaScript under dist/, false under tsx. */
export const COMPILED = here.endsWith('.js');

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'fixtures'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`coincover-mock: cannot find the package root above ${from}`);
  }
}

/** The folder holding the package's package.json, features/ and fixtures/. */
export const PACKAGE_ROOT = findRoot(dirname(here));

/** A path inside the package: fromPackageRoot('fixtures', 'faults', 'catalogue.json'). */
export const fromPackageRoot = (...segments: string[]): string => join(PACKAGE_ROOT, ...segments);

/**
 * The file to run for a TypeScript module named by its source path from the package root
 * ('fixtures/clients/reference/cli.ts'): the source itself under tsx, dist/….js when compiled.
 */
export function runnableFile(sourcePath: string): string {
  return COMPILED
    ? fromPackageRoot('dist', sourcePath.replace(/\.ts$/, '.js'))
    : fromPackageRoot(sourcePath);
}

/** node's arguments to run such a module as a child process: tsx's loader only from sources. */
export function nodeArgsFor(sourcePath: string): string[] {
  const file = runnableFile(sourcePath);
  return COMPILED ? [file] : ['--import', import.meta.resolve('tsx'), file];
}

/** The source path (from the package root) of a module, given its import.meta.url. */
export function sourcePathOf(moduleUrl: string): string {
  const file = relative(PACKAGE_ROOT, fileURLToPath(moduleUrl)).split('\\').join('/');
  return COMPILED ? file.replace(/^dist\//, '').replace(/\.js$/, '.ts') : file;
}
