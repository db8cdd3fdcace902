/**
 * What the conformance runner tells its steps, parsed once: the mock, the client command, its time
 * limit, and the production configuration files to lint. Set by runner/conformance.ts.
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
});

export interface ConformanceSettings {
  mockUrl: string;
  clientCommand: string;
  timeoutMs: number;
  configFiles: string[];
}

let parsed: ConformanceSettings | undefined;

export function conformanceSettings(): ConformanceSettings {
  if (!parsed) {
    const result = Settings.safeParse(process.env);
    if (!result.success) throw new Error(`the conformance features are run by "coincover-mock run": ${z.prettifyError(result.error)}`);
    const e = result.data;
    parsed = Object.freeze({ mockUrl: e.COINCOVER_MOCK_URL, clientCommand: e.COINCOVER_CONFORMANCE_CLIENT, timeoutMs: e.COINCOVER_CONFORMANCE_TIMEOUT_MS, configFiles: e.COINCOVER_CONFORMANCE_CONFIG_FILES });
  }
  return parsed;
}
