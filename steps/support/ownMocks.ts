/**
 * Scenarios that need a mock of their own (a data directory, a restart, a kill, a start that must
 * fail) start it as a child process, as a user would: `coincover-mock serve --port 0 …`. The
 * scenario's requests then go to it. The After hook kills every one and removes every temporary
 * directory, whatever the scenario's result.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MockStartError,
  startMockProcess,
  type MockProcess,
} from '../../mock-server/api/mockProcess.cts';
import { TEST_SEEDS } from '../../mock-server/store/shippedSeeds.ts';
import type { CoinCoverWorld } from './world.ts';

/** The RSA-4096 pool fixture, and no background generation: own mocks assign without generating keys. */
export const POOL_ARGS = ['--seed', TEST_SEEDS[0] as string, '--pool-size', '0'];

/** A new temporary directory, removed after the scenario. */
export function tempDir(world: CoinCoverWorld, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `coincover-mock-${prefix}-`));
  world.written.push(dir);
  return dir;
}

/** Starts a mock of the scenario's own and points the scenario at it. */
export async function startOwnMock(world: CoinCoverWorld, args: string[]): Promise<MockProcess> {
  const mock = await startMockProcess(args, { captureStderr: true });
  world.ownMocks.push(mock);
  world.currentMock = mock;
  world.ownMockArgs = args;
  world.baseUrl = mock.url;
  return mock;
}

/** Starts a mock that is expected to refuse to start; keeps why. */
export async function startFailingMock(world: CoinCoverWorld, args: string[]): Promise<void> {
  try {
    const mock = await startMockProcess(args, { captureStderr: true });
    world.ownMocks.push(mock);
    throw new Error(`the mock started (${mock.readyLine}) but was expected to refuse`);
  } catch (error) {
    if (!(error instanceof MockStartError)) throw error;
    world.startError = error;
  }
}

export function currentMock(world: CoinCoverWorld): MockProcess {
  const mock = world.currentMock;
  if (!mock)
    throw new Error(
      `this scenario has not started a mock of its own${world.where()}: only a mock the scenario started can be stopped or restarted (Given a mock of the scenario's own …)`,
    );
  return mock;
}

/** After: kills every mock the scenario started. */
export async function stopOwnMocks(world: CoinCoverWorld): Promise<void> {
  await Promise.all(world.ownMocks.map((mock) => mock.kill('SIGKILL')));
}
