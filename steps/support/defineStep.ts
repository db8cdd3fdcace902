/**
 * The step library's one way to define a step: `defineStep(doc, fn)` records the step with its
 * documentation, and `registerSteps()` (called once by steps/library/index.ts) hands every
 * recorded step to Cucumber. The catalogue (steps/library/catalogue.ts, `coincover-mock steps`,
 * docs/steps.md) reads the same records, so it cannot drift from what Cucumber runs. Recording
 * calls nothing of Cucumber's: the catalogue can be read in plain Node, outside a run.
 */
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { CoinCoverWorld } from './world.ts';

/** The library's domains, in the order the catalogue lists them. */
export const DOMAINS = {
  actors: 'Users, organisations and packages',
  authentication: 'Authentication',
  keys: 'Assigning keys',
  signatures: 'Signatures and the JWKS',
  storage: 'Backing up data',
  encryption: 'Encryption: the reference way and named mistakes',
  files: 'Backing up files',
  verify: 'Verifying keys and backups',
  http: 'Raw HTTP',
  responses: 'Responses',
  faults: 'Fault switches',
  journal: 'The journal and the store',
  persistence: "Mocks of the scenario's own, restarts and snapshots",
  integration: 'The integration under test',
} as const;

export type Domain = keyof typeof DOMAINS;
export type Keyword = 'Given' | 'When' | 'Then';

export interface StepDoc {
  domain: Domain;
  keyword: Keyword;
  /** The Cucumber expression. */
  text: string;
  /** Each parameter of the expression, in order: what it means and what it takes. */
  parameters?: Record<string, string>;
  /** One step written with it, as in a feature file (doc strings and tables included). */
  example: string;
  description: string;
  /** Cucumber's step options: a longer timeout than the default. */
  options?: { timeout?: number };
}

// Step functions take the World as `this` and typed parameters; Cucumber passes them untyped.
type StepFunction = (this: CoinCoverWorld, ...args: any[]) => unknown;

export interface RecordedStep extends StepDoc {
  fn: StepFunction;
}

export interface ParameterDoc {
  name: string;
  /** Every alternative the parameter accepts, for the catalogue (the regexp is built from them unless given). */
  values?: readonly string[];
  regexp?: RegExp;
  /** For a parameter given by a regexp: what it accepts, in words (for the catalogue). */
  accepts?: string;
  /** For a parameter given by a regexp: words of a step text that suggest it (for nearestSteps). */
  hints?: readonly string[];
  description: string;
  transformer?: (...match: string[]) => unknown;
}

/** Every library step, in definition order (a catalogue of definitions, not scenario state). */
export const STEPS: RecordedStep[] = [];
export const PARAMETERS: ParameterDoc[] = [];

export function defineStep(doc: StepDoc, fn: StepFunction): void {
  if (STEPS.some((s) => s.text === doc.text))
    throw new Error(`the step "${doc.text}" is defined twice`);
  STEPS.push({ ...doc, fn });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function defineParameter(doc: ParameterDoc): void {
  PARAMETERS.push(doc);
}

export function parameterRegexp(doc: ParameterDoc): RegExp {
  if (doc.regexp) return doc.regexp;
  // Longest first, so that "HOT" never shadows a longer alternative starting alike.
  const values = [...(doc.values ?? [])].sort((a, b) => b.length - a.length);
  return new RegExp(values.map(escape).join('|'));
}

let registered = false;

/** Registers every parameter type and step with Cucumber; once per process. */
export function registerSteps(): void {
  if (registered) return;
  registered = true;
  for (const parameter of PARAMETERS)
    defineParameterType({
      name: parameter.name,
      regexp: parameterRegexp(parameter),
      transformer: parameter.transformer ?? ((value: string) => value),
    });
  const keywords = { Given, When, Then };
  for (const step of STEPS) keywords[step.keyword](step.text, step.options ?? {}, step.fn);
}
