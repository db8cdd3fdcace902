/**
 * The Node API (`import { startMock } from 'coincover-mock'`): a mock in this process, on a free
 * port, silent unless asked. Every option is validated; a bad one rejects naming it.
 */
import { buildConfigFromOptions } from '../config.ts';
import { serve } from '../main.ts';
import { mockHandle, readStartOptions, type MockOptions, type RunningMock } from './mockHandle.cts';

export type { JournalEntry, MockOptions, RunningMock } from './mockHandle.cts';
export { ControlPlaneError } from './mockHandle.cts';

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const { rest, print } = readStartOptions(options);
  const config = buildConfigFromOptions(
    { port: 0, ...rest, quiet: print === undefined },
    'startMock',
  );
  const running = await serve(config, { log: print, announce: print ?? null });
  return mockHandle({
    url: running.url,
    partnerApiKey: config.partnerApiKeys[0] ?? '',
    standardApiKey: config.standardApiKeys[0] ?? '',
    controlToken: config.controlToken,
    close: () => running.close(),
  });
}
