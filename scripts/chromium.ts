/**
 * The Chromium the browser test drives: CHROMIUM_PATH when set, else Debian's /usr/bin/chromium.
 * Nothing here downloads a browser; without one the browser test is skipped and `npm test` says so.
 */
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.CHROMIUM_PATH?.trim();
  if (given) return existsSync(given) ? given : undefined;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

/** Flags for a headless run with no network of its own (no updates, sync or first-run pages). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
