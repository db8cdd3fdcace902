/**
 * The mock the scenarios talk to: COINCOVER_MOCK_URL when the test runner started one for the whole
 * run, otherwise one started here in-process on a free port (running cucumber-js directly).
 */
import { AfterAll, BeforeAll } from '@cucumber/cucumber';
import { serve } from '../../mock-server/main.ts';
import { buildConfig } from '../../mock-server/config.ts';
import { FEATURE_SEEDS } from '../../mock-server/store/shippedSeeds.ts';

let started: { url: string; close(): Promise<void> } | undefined;

export function mockUrl(): string {
  const url = process.env.COINCOVER_MOCK_URL ?? started?.url;
  if (!url) throw new Error('the mock is not running: start the suite with npm test');
  return url;
}

BeforeAll(async function () {
  if (process.env.COINCOVER_MOCK_URL) return;
  started = await serve(buildConfig({ port: 0, quiet: true, seedFiles: FEATURE_SEEDS }));
});

AfterAll(async function () {
  await started?.close();
});
