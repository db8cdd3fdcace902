/**
 * The Node API for CommonJS (`const { startMock } = require('coincover-mock')`). ES modules cannot
 * be required everywhere (Jest on Node 20 and 22 cannot), so here the mock runs in a child
 * process with the same options and the same handle; the child stops when this process exits.
 */
import { MockStartError, startMockProcess } from './mockProcess.cts';
import { mockHandle, readStartOptions, type MockOptions, type RunningMock } from './mockHandle.cts';

export type { JournalEntry, MockOptions, RunningMock } from './mockHandle.cts';
export { ControlPlaneError } from './mockHandle.cts';

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const { rest, print } = readStartOptions(options);
  let child;
  try {
    // The child validates the options with the same schema, and names a bad one on stderr.
    child = await startMockProcess([], {
      captureStderr: true,
      apiOptions: { port: 0, ...rest, quiet: print === undefined },
      onLine: print,
    });
  } catch (error) {
    if (error instanceof MockStartError)
      throw new TypeError(error.stderr.trim().split('\n')[0] || error.message);
    throw error;
  }
  print?.(child.readyLine);
  // The child's defaults are the package's: the first key given, or the published test key.
  const first = (keys: string[] | string | undefined, test: string) =>
    (typeof keys === 'string' ? keys.split(',')[0]?.trim() : keys?.[0]) || test;
  return mockHandle({
    url: child.url,
    partnerApiKey: first(rest.partnerApiKeys, 'test-partner-key'),
    standardApiKey: first(rest.standardApiKeys, 'test-standard-key'),
    controlToken: rest.controlToken,
    close: () => child.stop(),
  });
}
