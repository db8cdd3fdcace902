/**
 * Configuration, parsed once at start-up from CLI flags and environment variables into one frozen
 * object. Nothing below this module reads process.env.
 */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

import { fromPackageRoot } from './packagePaths.ts';

const fixture = (relative: string): string => fromPackageRoot('fixtures', relative);

/** The published test credentials a default mock accepts; any other configured key is a secret. */
export const TEST_API_KEYS = Object.freeze({
  partner: 'test-partner-key',
  standard: 'test-standard-key',
});

const PORT_RANGE = 'must be an integer from 0 to 65535';

/** A list of keys: an array (the Node API), or comma-separated (flags and environment variables). */
const keyList = z.union([
  z.array(z.string().min(1)),
  z.string().transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  ),
]);

export const ConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce
    .number({ error: PORT_RANGE })
    .int({ error: PORT_RANGE })
    .min(0, { error: PORT_RANGE })
    .max(65535, { error: PORT_RANGE })
    .default(4010),
  /** Which CoinCover environment the mock impersonates; it selects the enclave signing key published in the JWKS. */
  environment: z.enum(['uat', 'prod']).default('uat'),
  partnerApiKeys: keyList.default([TEST_API_KEYS.partner]),
  standardApiKeys: keyList.default([TEST_API_KEYS.standard]),
  seedFiles: z.array(z.string()).default([]),
  /**
   * Hand out the package's 96 pre-generated RSA-4096 test keys before generating any, so the
   * first assignments answer at once; false generates every key (the first ones take seconds).
   */
  testPool: z.boolean().default(true),
  /** Keep keys, backups and the journal in a SQLite database in this directory; in memory when absent. */
  dataDir: z.string().min(1).optional(),
  /** GET /_mock/snapshot includes the PKCS#8 private keys (test keys), so the snapshot can be loaded with --seed. */
  snapshotPrivateKeys: z.boolean().default(false),
  /**
   * Host names (beyond loopback names, IP literals and --host) that requests may carry in Host:
   * a name that resolves to the mock, such as a docker-compose service name. Anything else is a
   * DNS-rebinding page and gets 421.
   */
  allowedHosts: keyList.default([]),
  /** Required on /_mock (header x-mock-control-token) and mandatory when bound beyond loopback. */
  controlToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Keys kept ready per key environment (HOT, COLD). */
  poolSize: z.coerce.number().int().min(0).max(64).default(4),
  /** Worker threads for RSA private-key operations; 0 runs them on the main thread. */
  cryptoWorkers: z.coerce.number().int().min(0).max(64).default(availableParallelism()),
  journalLimit: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Every decryption or padding failure answers one byte-identical body; the diagnosis stays in the journal. */
  opaqueErrors: z.boolean().default(false),
  /** The narrow reading of the documents: unknown fields, long values, repeated or valueless sign_with entries and files over 10,000,000 bytes are refused, not warned about. */
  strictRequests: z.boolean().default(false),
  /** The shape of a validation error's `message`: a string naming each field (as documented), or an object keyed by field. */
  validationErrors: z.enum(['string', 'object']).default('string'),
  /** How many other issued keys the wrong_key diagnosis may try, nearest candidates first. */
  wrongKeyCandidates: z.coerce.number().int().min(0).max(10_000).default(32),
  quiet: z.boolean().default(false),
  enclaveKeyFiles: z.strictObject({ uat: z.string(), prod: z.string() }).default({
    uat: fixture('keys/enclave-signing-uat.test.pem'),
    prod: fixture('keys/enclave-signing-prod.test.pem'),
  }),
  jwtIssuerKeyFile: z.string().default(fixture('keys/jwt-issuer.test.pem')),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

/** The mock's control plane can reset state and export keys: never reachable beyond loopback without a token. */
const ServeConfigSchema = ConfigSchema.refine(
  (config) => LOOPBACK.test(config.host) || config.controlToken !== undefined,
  {
    message:
      'binding beyond loopback exposes the /_mock control plane (reset, tokens, snapshots): give --control-token',
    path: ['controlToken'],
  },
);
export type ConfigInput = z.input<typeof ConfigSchema>;

export function buildConfig(input: ConfigInput = {}): Config {
  return Object.freeze(ServeConfigSchema.parse(input));
}

/** buildConfig for options a user wrote (the Node API): an Error naming each bad option. */
export function buildConfigFromOptions(input: unknown, who: string): Config {
  const result = ServeConfigSchema.safeParse(input);
  if (!result.success)
    throw new TypeError(`${who}: ${describeConfigError(result.error, (key) => `option ${key}`)}`);
  return Object.freeze(result.data);
}

export const SERVE_USAGE = `Usage: coincover-mock serve [options]

  --host HOST              address to bind (env HOST, default 127.0.0.1)
  --port PORT              port to listen on, 0 for any (env PORT, default 4010)
  --environment uat|prod   which environment's enclave signing key to use (default uat)
  --seed FILE              load keys and backups from a seed file (repeatable; never overwrites)
  --data-dir DIR           keep keys, backups and the journal in DIR (SQLite), so a restart
                           loses nothing; without it, state lives in memory
  --snapshot-private-keys  GET /_mock/snapshot includes private keys (test keys), so it can be
                           loaded with --seed
  --pool-size N            RSA-4096 keys kept ready per key environment (default 4)
  --no-test-pool           generate every key; by default the 96 pre-generated test keys the
                           package ships are handed out first, so the first assignments are instant
  --crypto-workers N       worker threads for RSA private-key work (default: one per core; 0: main thread)
  --journal-limit N        request journal entries kept (default 1000)
  --opaque-errors          the same answer and the same work for every decryption failure, and
                           no x-mock-faults (no padding oracle)
  --strict-requests        refuse what the documents allow but looks wrong (unknown fields, long values,
                           repeated or valueless sign_with entries, files over 10,000,000 bytes);
                           by default these are accepted and named as warnings
  --validation-errors string|object
                           a validation error's message: a string naming each field (default, as
                           documented) or an object of problems keyed by field
  --wrong-key-candidates N other issued keys the wrong_key diagnosis tries, nearest first (default 32)
  --quiet                  no per-request log lines
  --allowed-hosts H,..     host names besides loopback names, IP literals and --host that may be
                           sent in Host (env COINCOVER_MOCK_ALLOWED_HOSTS); others get 421
  --control-token T        required in x-mock-control-token on /_mock (env COINCOVER_MOCK_CONTROL_TOKEN);
                           mandatory when --host is not a loopback address
  --partner-api-keys K,..  API keys with the partner-endpoint scope (env COINCOVER_MOCK_PARTNER_KEYS)
  --standard-api-keys K,.. API keys without it (env COINCOVER_MOCK_STANDARD_KEYS)`;

/** Parses `serve` flags and the environment. Throws a readable Error on anything unknown or invalid. */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      environment: { type: 'string' },
      seed: { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
      'snapshot-private-keys': { type: 'boolean' },
      'control-token': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'pool-size': { type: 'string' },
      'test-pool': { type: 'boolean' },
      'crypto-workers': { type: 'string' },
      'wrong-key-candidates': { type: 'string' },
      'journal-limit': { type: 'string' },
      'opaque-errors': { type: 'boolean' },
      'strict-requests': { type: 'boolean' },
      'validation-errors': { type: 'string' },
      quiet: { type: 'boolean' },
      'partner-api-keys': { type: 'string' },
      'standard-api-keys': { type: 'string' },
    },
  });
  const input = {
    host: values.host ?? env.HOST,
    port: values.port ?? env.PORT,
    environment: values.environment,
    seedFiles: values.seed,
    dataDir: values['data-dir'],
    snapshotPrivateKeys: values['snapshot-private-keys'],
    controlToken: values['control-token'] ?? env.COINCOVER_MOCK_CONTROL_TOKEN,
    allowedHosts: values['allowed-hosts'] ?? env.COINCOVER_MOCK_ALLOWED_HOSTS,
    poolSize: values['pool-size'],
    testPool: values['test-pool'],
    cryptoWorkers: values['crypto-workers'],
    wrongKeyCandidates: values['wrong-key-candidates'],
    journalLimit: values['journal-limit'],
    opaqueErrors: values['opaque-errors'],
    strictRequests: values['strict-requests'],
    validationErrors: values['validation-errors'],
    quiet: values.quiet,
    partnerApiKeys: values['partner-api-keys'] ?? env.COINCOVER_MOCK_PARTNER_KEYS,
    standardApiKeys: values['standard-api-keys'] ?? env.COINCOVER_MOCK_STANDARD_KEYS,
  };
  const result = ServeConfigSchema.safeParse(
    Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  );
  if (!result.success) throw new Error(describeConfigError(result.error, flagOf));
  return Object.freeze(result.data);
}

/** A config key as its `serve` flag: poolSize → --pool-size. */
function flagOf(key: string): string {
  if (key === 'seedFiles') return '--seed';
  if (key === 'testPool') return '--no-test-pool';
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** One line naming each bad option as the caller knows it: "--port must be an integer from 0 to 65535". */
export function describeConfigError(error: z.ZodError, name: (key: string) => string): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.map(String).join('.');
      const message = issue.message.startsWith('must')
        ? ` ${issue.message}`
        : `: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
      return key ? `${name(key)}${message}` : issue.message;
    })
    .join('; ');
}
