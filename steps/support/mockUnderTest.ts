/**
 * The mock the scenarios talk to: COINCOVER_MOCK_URL when one is running already (`npm test`,
 * `coincover-mock test`, or a mock of QA's own), otherwise one started here in-process on a free
 * port before the first scenario. Nothing is started or asked at import: a dry run needs no mock.
 */
import { serve } from '../../mock-server/main.ts';
import { buildConfig } from '../../mock-server/config.ts';
import { FEATURE_SEEDS } from '../../mock-server/store/shippedSeeds.ts';

let started: { url: string; close(): Promise<void> } | undefined;

export function mockUrl(): string {
  const url = process.env.COINCOVER_MOCK_URL ?? started?.url;
  if (!url)
    throw new Error(
      'no mock to talk to: set COINCOVER_MOCK_URL to a running mock, or let the BeforeAll hook of steps/library start one',
    );
  return url.replace(/\/+$/, '');
}

/** BeforeAll: starts the in-process mock unless COINCOVER_MOCK_URL names one. */
export async function startMockUnlessGiven(): Promise<void> {
  if (process.env.COINCOVER_MOCK_URL || started) return;
  started = await serve(buildConfig({ port: 0, quiet: true, seedFiles: FEATURE_SEEDS }));
}

/** AfterAll: stops the in-process mock, if one was started. */
export async function stopStartedMock(): Promise<void> {
  await started?.close();
  started = undefined;
}
