/**
 * The library's hooks, in the order they run (Cucumber runs After hooks in the reverse order of
 * their definition, so they are defined last-first below):
 *
 * - BeforeAll: starts an in-process mock unless COINCOVER_MOCK_URL names a running one.
 * - Before: the @unchecked-responses tag switches the unchecked-response guard off.
 * - BeforeStep: keeps the running step and its feature line, for errors that name them.
 * - After (1), the guards, only on a scenario that passed so far: it fails the scenario when the
 *   mock answered a 5xx the scenario did not provoke, when an answer departed from the published
 *   contract, or when the last response was never checked by a Then step.
 * - After (2): attaches the journal entries of requests a client process sent.
 * - After (3), clean-up, whatever the result: disarms the fault switches the scenario armed,
 *   kills the mocks it started, removes the files and directories it wrote.
 * - AfterAll: stops the in-process mock.
 */
import { rmSync } from 'node:fs';
import {
  After,
  AfterAll,
  Before,
  BeforeAll,
  BeforeStep,
  setDefaultTimeout,
  type ITestCaseHookParameter,
  type ITestStepHookParameter,
} from '@cucumber/cucumber';
import { ControlPlane } from './controlPlane.ts';
import { startMockUnlessGiven, stopStartedMock } from './mockUnderTest.ts';
import { stopOwnMocks } from './ownMocks.ts';
import type { CoinCoverWorld } from './world.ts';

/** Switches the unchecked-response guard off for one scenario (or a whole feature). */
export const UNCHECKED_RESPONSES_TAG = '@unchecked-responses';

/** The feature line of a pickle step (its Gherkin step; for an outline, the outline's step). */
function stepLine(parameter: ITestStepHookParameter): number | undefined {
  const id = parameter.pickleStep.astNodeIds[0];
  const children = parameter.gherkinDocument.feature?.children ?? [];
  const scenarios = children.flatMap((child) => [
    ...(child.background ? [child.background] : []),
    ...(child.scenario ? [child.scenario] : []),
    ...(child.rule?.children ?? []).flatMap((c) => [
      ...(c.background ? [c.background] : []),
      ...(c.scenario ? [c.scenario] : []),
    ]),
  ]);
  for (const scenario of scenarios)
    for (const step of scenario.steps) if (step.id === id) return step.location.line;
  return undefined;
}

export function registerHooks(): void {
  // The library's scenarios start real processes (own mocks, clients), and Cucumber's 5 s default
  // is shorter than a child mock's start on a busy machine. A step that hangs still fails.
  setDefaultTimeout(60_000);

  BeforeAll(async function () {
    await startMockUnlessGiven();
  });

  AfterAll(async function () {
    await stopStartedMock();
  });

  Before(function (this: CoinCoverWorld, { pickle }: ITestCaseHookParameter) {
    if (pickle.tags.some((tag) => tag.name === UNCHECKED_RESPONSES_TAG))
      this.guardUncheckedResponses = false;
  });

  BeforeStep(function (this: CoinCoverWorld, parameter: ITestStepHookParameter) {
    this.step = {
      text: parameter.pickleStep.text,
      uri: parameter.pickle.uri,
      line: stepLine(parameter),
    };
  });

  // (3) Clean-up: defined first, so it runs last.
  After(async function (this: CoinCoverWorld) {
    const own = new Set(this.ownMocks.map((mock) => mock.url));
    for (const url of this.armedFaultsOn)
      if (!own.has(url)) await new ControlPlane(url).disarmFaults().catch(() => undefined);
    await stopOwnMocks(this);
    for (const path of this.written) rmSync(path, { recursive: true, force: true });
  });

  // (2) Evidence for scenarios that sent nothing themselves (a client process did): send() attaches the rest.
  After(async function (this: CoinCoverWorld) {
    await this.attachJournalSinceStart();
  });

  // (1) The guards.
  After(function (this: CoinCoverWorld, { result }: ITestCaseHookParameter) {
    if (result?.status !== 'PASSED') return;
    const crashed = this.seen.filter((r) => r.status >= 500)[this.serverErrorsExpected];
    if (crashed)
      throw new Error(
        `the mock answered ${crashed.status} (request ${crashed.requestId}): ${crashed.text.slice(0, 200)}`,
      );
    if (this.contractDepartures.length > 0)
      throw new Error(
        `${this.contractDepartures.length} answer(s) departed from the published contract:\n${this.contractDepartures.slice(0, 5).join('\n')}`,
      );
    if (this.guardUncheckedResponses && !this.responseChecked)
      throw new Error(
        `the last response (${this.response?.status} to ${this.response?.method} ${this.response?.path}, request ${this.response?.requestId}) was never checked by a Then step. Add a Then step about it (e.g. Then the response status is ${this.response?.status}), or tag the scenario ${UNCHECKED_RESPONSES_TAG} to switch this check off.`,
      );
  });
}
