/**
 * A running mock given by URL (`test --mock-url`): an http(s) URL whose GET /_mock/health answers
 * ready within a few seconds, or a UsageError in one line.
 */
import { UsageError } from './conformance.ts';

/** How long a mock that is still starting may take to answer ready. */
const READY_WITHIN_MS = 5_000;
const RETRY_EVERY_MS = 200;

async function healthOf(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/_mock/health`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json().catch(() => undefined)) as { status?: unknown } | undefined;
    if (response.status === 200 && body?.status === 'ok') return undefined;
    return `it answered ${response.status}${body?.status ? ` (status ${String(body.status)})` : ''}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}

/** The URL without a trailing slash, once its mock answers ready. */
export async function checkMockUrl(given: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(
      `--mock-url must be an http:// or https:// URL, not ${JSON.stringify(given)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(
      `--mock-url must be an http:// or https:// URL, not ${JSON.stringify(given)}`,
    );
  const base = url.href.replace(/\/+$/, '');
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const problem = await healthOf(base);
    if (problem === undefined) return base;
    if (Date.now() >= deadline)
      throw new UsageError(
        `--mock-url ${base}: no ready coincover-mock there (GET /_mock/health within ${READY_WITHIN_MS / 1000} s: ${problem})`,
      );
    await new Promise((done) => setTimeout(done, RETRY_EVERY_MS));
  }
}
