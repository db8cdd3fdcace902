/**
 * The public step library: `cucumber-js --import <this file>` (or `coincover-mock test`)
 * registers every step, its parameter types, the hooks and the World. The vocabulary is
 * docs/steps.md; the hooks are described in steps/support/hooks.ts and features/README.md.
 */
import { setWorldConstructor } from '@cucumber/cucumber';
import { registerSteps } from '../support/defineStep.ts';
import { registerHooks } from '../support/hooks.ts';
import { CoinCoverWorld } from '../support/world.ts';
import './steps.ts';

export { CoinCoverWorld } from '../support/world.ts';
export type { ApiResponse, Customer, IssuedKey, StoredBackup } from '../support/world.ts';
export { defineStep } from '../support/defineStep.ts';

setWorldConstructor(CoinCoverWorld);
registerSteps();
registerHooks();
