/**
 * What the suite must never find anywhere it looks: every plaintext the scenarios back up and
 * every token they mint. Plaintexts are generated, never written in a feature, so the reports,
 * which carry the Gherkin text, can be scanned for them too. scripts/test.ts scans after the run.
 */
import { randomInt } from 'node:crypto';

const WORDS = [
  'abandon',
  'ability',
  'able',
  'about',
  'above',
  'absent',
  'absorb',
  'abstract',
  'absurd',
  'abuse',
  'access',
  'accident',
  'account',
  'accuse',
  'achieve',
  'acid',
  'acoustic',
  'acquire',
  'across',
  'act',
  'action',
  'actor',
  'actress',
  'actual',
];

export const SECRETS = { plaintexts: new Set<string>(), tokens: new Set<string>() };

/** Everything the mock answered to the scenarios: headers and bodies. */
export const EXPOSED: string[] = [];

/** A fresh twelve-word test phrase (never a real wallet's), remembered for the secret scan. */
export function newSeedPhrase(): string {
  const words = Array.from({ length: 12 }, () => WORDS[randomInt(WORDS.length)]);
  const phrase = `${words.join(' ')} ${randomInt(1e9).toString(36)}`;
  SECRETS.plaintexts.add(phrase);
  return phrase;
}

export function rememberToken(token: string): string {
  SECRETS.tokens.add(token);
  return token;
}
