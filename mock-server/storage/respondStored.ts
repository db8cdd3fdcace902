/**
 * The answer to a store that succeeded. With the `drop_after_store` fault switch armed, the
 * backup is kept but the connection is closed before any response: the "network failure
 * mid-flight" of the sandbox testing page (reference §10), for testing the client's retries.
 */
import type { Response } from 'express';
import type { AppDeps } from '../deps.ts';

export function respondStored(deps: AppDeps, res: Response, body: object): void {
  if (deps.switches.take('drop_after_store')) {
    res.socket?.destroy();
    return;
  }
  res.status(200).json(body);
}
