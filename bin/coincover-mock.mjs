#!/usr/bin/env node
// The package's command line (`npx coincover-mock serve|run|check-config`): registers tsx so the
// TypeScript sources run as they are, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../mock-server/cli.ts');
