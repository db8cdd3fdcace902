/**
 * The recovery material the runner hands the client to back up, and the API key it gives it:
 * test values, never real ones, known to the redaction and to the self-tests' secret scan. The
 * exact-material requirement adds bytes that a client which trims, re-encodes or truncates its
 * input would change: surrounding whitespace, bytes that are not UTF-8, and the 446-byte maximum
 * of RSA-OAEP SHA-256 under a 4096-bit key (RFC 8017 §7.1.1: 512 − 2·32 − 2).
 */
import { createHash } from 'node:crypto';
import type { Secret } from './redaction.ts';

export const TEST_API_KEY = 'test-partner-key';

/** A BIP-39 test phrase used only here (the vectors and features use others). */
export const RECOVERY_MATERIAL = Buffer.from(
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
  'utf8',
);

export const MAX_PLAINTEXT_BYTES = 446;

/** Deterministic bytes, so a report can be scanned for them by anyone who has this module. */
function expand(label: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++)
    blocks.push(createHash('sha256').update(`${label}/${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

export const EXACT_MATERIALS = {
  'with leading and trailing whitespace': Buffer.from(
    ' \t zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong \r\n\n',
    'utf8',
  ),
  // 0xff never occurs in UTF-8; a client that decodes and re-encodes as text changes these bytes.
  'that is not UTF-8': Buffer.concat([
    Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]),
    expand('coincover-mock non-utf-8', 59),
  ]),
  'of exactly 446 bytes': Buffer.concat([
    Buffer.from([0xff]),
    expand('coincover-mock 446 bytes', MAX_PLAINTEXT_BYTES - 1),
  ]),
} as const satisfies Record<string, Buffer>;

export type ExactMaterial = keyof typeof EXACT_MATERIALS;

/** Everything redaction replaces and the self-tests' secret scan looks for. */
export const RUNNER_SECRETS: readonly Secret[] = [
  { label: 'api key', bytes: Buffer.from(TEST_API_KEY, 'utf8') },
  { label: 'recovery material', bytes: RECOVERY_MATERIAL },
  ...Object.values(EXACT_MATERIALS).map((bytes) => ({ label: 'recovery material', bytes })),
];
