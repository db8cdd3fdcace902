/**
 * Scenarios that need a mock of their own (a data directory, a restart, a kill, a start that must
 * fail) start it as a child process, as a user would: `coincover-mock serve --port 0 …`, through
 * bench/mockProcess.ts. The scenario's requests then go to it. Every process is killed and every
 * temporary directory removed after the scenario, whatever its result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { After } from '@cucumber/cucumber';
import {
  MockStartError,
  startMockProcess,
  type MockProcess,
} from '../../mock-server/api/mockProcess.cts';
import { TEST_SEEDS } from '../../mock-server/store/shippedSeeds.ts';
import type { CoinCoverWorld } from './world.ts';

/** The RSA-4096 pool fixture, and no background generation: own mocks assign without generating keys. */
export const POOL_ARGS = ['--seed', TEST_SEEDS[0] as string, '--pool-size', '0'];

interface Own {
  /** The mock the scenario talks to now. */
  current?: MockProcess;
  /** The arguments it was started with, to start it again. */
  args: string[];
  all: MockProcess[];
  dirs: string[];
  /** Why the last start failed, when it did. */
  startError?: MockStartError;
}

const owned = new WeakMap<CoinCoverWorld, Own>();

export function own(world: CoinCoverWorld): Own {
  let state = owned.get(world);
  if (!state) owned.set(world, (state = { args: [], all: [], dirs: [] }));
  return state;
}

export function tempDir(world: CoinCoverWorld, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `coincover-mock-${prefix}-`));
  own(world).dirs.push(dir);
  return dir;
}

/** Starts a mock of the scenario's own and points the scenario at it. */
export async function startOwnMock(world: CoinCoverWorld, args: string[]): Promise<MockProcess> {
  const state = own(world);
  const mock = await startMockProcess(args, { captureStderr: true });
  state.current = mock;
  state.args = args;
  state.all.push(mock);
  world.baseUrl = mock.url;
  return mock;
}

/** Starts a mock that is expected to refuse to start; keeps why. */
export async function startFailingMock(world: CoinCoverWorld, args: string[]): Promise<void> {
  try {
    const mock = await startMockProcess(args, { captureStderr: true });
    own(world).all.push(mock);
    throw new Error(`the mock started (${mock.readyLine}) but was expected to refuse`);
  } catch (error) {
    if (!(error instanceof MockStartError)) throw error;
    own(world).startError = error;
  }
}

export function currentMock(world: CoinCoverWorld): MockProcess {
  const mock = own(world).current;
  if (!mock) throw new Error('this scenario has not started a mock of its own');
  return mock;
}

After(async function (this: CoinCoverWorld) {
  const state = owned.get(this);
  if (!state) return;
  await Promise.all(state.all.map((mock) => mock.kill('SIGKILL')));
  for (const dir of state.dirs) rmSync(dir, { recursive: true, force: true });
});
