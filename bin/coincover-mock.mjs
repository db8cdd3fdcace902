#!/usr/bin/env node
// The package's command line (`npx coincover-mock serve|run|check-config`). An installed package
// runs its compiled JavaScript (dist/); a clone of the repository, which has the TypeScript
// sources, runs them through tsx's loader in this same process. Either way this process is the
// server: signals sent to it reach the server itself.
import { existsSync } from 'node:fs';

const sources = new URL('../mock-server/cli.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import('../dist/mock-server/cli.js');
}
