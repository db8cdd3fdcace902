/**
 * The project's own World: the library's, plus the state of the conformance runner's self-tests
 * (steps/project/runner_steps.ts), which no QA scenario needs. Imported after the library so
 * that its World is the one Cucumber constructs.
 */
import { setWorldConstructor } from '@cucumber/cucumber';
import '../library/index.ts';
import { CoinCoverWorld } from '../support/world.ts';

/** One run of `coincover-mock` as a child process. */
export interface RunnerRun {
  status: number | null;
  stdout: string;
  stderr: string;
  reports: string;
}

export class ProjectWorld extends CoinCoverWorld {
  /** The runner's last run. */
  runnerRun: RunnerRun | undefined;
  /** The expected-failures file the next runs are given. */
  allowList: string | undefined;
  /** The temp folder the runner was given, to find it as it was. */
  runnerTmpdir: string | undefined;
  /** The broken-client table's runs, row by row. */
  runnerTable: Array<{ row: Record<string, string>; run: RunnerRun }> | undefined;
}

setWorldConstructor(ProjectWorld);
