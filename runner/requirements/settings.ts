/**
 * What the conformance runner tells its steps, parsed once: the mock, the client command, its time
 * limit, the production configuration files to lint, where reports go and the run's own temporary
 * folder. Set by runner/conformance.ts.
 */
import { z } from 'zod';

const Settings = z.object({
  COINCOVER_MOCK_URL: z.url(),
  COINCOVER_CONFORMANCE_CLIENT: z.string().min(1),
  COINCOVER_CONFORMANCE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  COINCOVER_CONFORMANCE_CONFIG_FILES: z
    .string()
    .default('[]')
    .transform((text) => z.array(z.string()).parse(JSON.parse(text))),
  COINCOVER_CONFORMANCE_TEMP_DIR: z.string().min(1),
  COINCOVER_REPORTS_DIR: z.string().min(1),
});

export interface ConformanceSettings {
  mockUrl: string;
  clientCommand: string;
  /** The client's limit per run (--timeout). */
  timeoutMs: number;
  /** Cucumber's limit per step: one client run plus room for the runner's own checks, so only --timeout cuts a run. */
  stepTimeoutMs: number;
  configFiles: string[];
  /** The run's temporary folder: every file handed to the client, and the client's TMPDIR. Removed after the run. */
  tempDir: string;
  reportsDir: string;
}

/** Journal reads, key views, a proxy or JWKS stand-in closing: well under a minute on any machine. */
const STEP_OVERHEAD_MS = 60_000;

let parsed: ConformanceSettings | undefined;

export function conformanceSettings(): ConformanceSettings {
  if (!parsed) {
    const result = Settings.safeParse(process.env);
    if (!result.success)
      throw new Error(
        `the conformance features are run by "coincover-mock run": ${z.prettifyError(result.error)}`,
      );
    const e = result.data;
    parsed = Object.freeze({
      mockUrl: e.COINCOVER_MOCK_URL,
      clientCommand: e.COINCOVER_CONFORMANCE_CLIENT,
      timeoutMs: e.COINCOVER_CONFORMANCE_TIMEOUT_MS,
      stepTimeoutMs: e.COINCOVER_CONFORMANCE_TIMEOUT_MS + STEP_OVERHEAD_MS,
      configFiles: e.COINCOVER_CONFORMANCE_CONFIG_FILES,
      tempDir: e.COINCOVER_CONFORMANCE_TEMP_DIR,
      reportsDir: e.COINCOVER_REPORTS_DIR,
    });
  }
  return parsed;
}
