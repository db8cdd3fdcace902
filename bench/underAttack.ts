/**
 * The "under attack" block of `npm run bench`: good-assignment p50 while other connections flood
 * the mock, against the idle p50 measured on the same mock in the same run (target: at most 2x),
 * and the --opaque-errors timing of each failure kind against the others (target: within 10 %).
 * Attack traffic goes only to the mock on 127.0.0.1, bounded in count and time.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startMockProcess, type MockProcess } from '../mock-server/api/mockProcess.cts';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { FAILURE_KINDS, failingStore, type FailureKind } from './failureKinds.ts';

export interface AttackFigure {
  name: string;
  value: number;
  unit: string;
  limit: number | null;
  limitName: string;
  ratio: number | null;
  target: string;
}

const headers = { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' };
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
let users = 0;

async function post(
  pool: Pool,
  path: string,
  body: string,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const answer = await pool.request({ method: 'POST', path, headers, body });
  await answer.body.dump();
  return { status: answer.statusCode, ms: performance.now() - started };
}

const goodAssignment = (customer = 'org-attack') => {
  users += 1;
  return JSON.stringify({
    user_identifier: `attack-bench-${users}-${Date.now()}`,
    key_type: 'rsa4096',
    key_environment: 'HOT',
    organisation: { customer_id: customer },
    package: {},
  });
};

/** Good assignments one at a time; returns their latencies. */
async function goodAssignments(pool: Pool, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const answer = await post(pool, '/v1/partner/keys', goodAssignment());
    if (answer.status !== 200) throw new Error(`a good assignment answered ${answer.status}`);
    latencies.push(answer.ms);
  }
  return latencies;
}

/** `connections` attackers send `attack()` bodies until `measure` is done (at most maxMs); the p50 of `measure`'s latencies, and how many attack requests went out. */
async function during(
  mock: MockProcess,
  connections: number,
  path: string,
  attack: () => string,
  measure: () => Promise<number[]>,
  maxMs: number,
) {
  const attackPool = new Pool(mock.url, { connections });
  let stop = false;
  let sent = 0;
  const deadline = performance.now() + maxMs;
  const attackers = Array.from({ length: connections }, async () => {
    while (!stop && performance.now() < deadline) {
      const answer = await post(attackPool, path, attack());
      if (answer.status >= 500) throw new Error(`an attack request answered ${answer.status}`);
      sent += 1;
    }
  });
  // Let the flood start before measuring.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const latencies = await measure();
  stop = true;
  await Promise.all(attackers);
  await attackPool.close();
  return { p50: median(latencies), sent };
}

/** A seed file of `count` issued signer keys (cheap to make; the index treats every key type alike). */
function manyKeysSeed(dir: string, count: number): string {
  const keys = Array.from({ length: count }, (_, i) => {
    const key =
      i % 2
        ? generateKeyPairSync('ed25519').privateKey
        : generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;
    return {
      key_id: randomUUID(),
      user_identifier: `seeded-${i}@example.test`,
      key_type: i % 2 ? 'ed25519' : 'secp256k1',
      key_environment: 'HOT',
      organisation: { customer_id: `org-${i % 50}` },
      private_key_pem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  });
  const file = join(dir, 'many-keys.seed.json');
  writeFileSync(file, JSON.stringify({ format: 'coincover-mock-seed/1', keys }));
  return file;
}

const residentMb = (pid: number | undefined): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

export async function underAttack(
  report: (figure: AttackFigure) => void,
  quick: boolean,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'coincover-bench-'));
  const count = quick ? 12 : 25;
  const maxMs = quick ? 15_000 : 30_000;
  try {
    const seed = manyKeysSeed(dir, 5000);
    const mock = await startMockProcess([
      ...TEST_SEEDS.flatMap((file) => ['--seed', file]),
      '--seed',
      seed,
      '--pool-size',
      '0',
      '--no-test-pool',
    ]);
    const pool = new Pool(mock.url, { connections: 1 });
    try {
      await goodAssignments(pool, 5);
      const idle = median(await goodAssignments(pool, count));
      const rssIdle = residentMb(mock.child.pid);
      report({
        name: 'under attack: good-assignment p50, idle (5,000 issued keys)',
        value: idle,
        unit: 'ms',
        limit: null,
        limitName: '',
        ratio: null,
        target: '',
      });

      // Unknown and malformed public keys: each would have walked all 5,000 keys on the HTTP loop.
      const signer = generateKeyPairSync('ed25519')
        .publicKey.export({ format: 'der', type: 'spki' })
        .toString('hex');
      const unknownKey = () => {
        const n = Math.random();
        const publicKey =
          n < 0.5
            ? randomBytes(550).toString('hex')
            : n < 0.8
              ? `${signer}${randomBytes(2).toString('hex')}`
              : randomBytes(400).toString('base64');
        return JSON.stringify({
          public_key: publicKey,
          checksum: 'ab'.repeat(32),
          data: randomBytes(512).toString('base64'),
        });
      };
      const flood = await during(
        mock,
        4,
        '/v1/partner/secure/data',
        unknownKey,
        () => goodAssignments(pool, count),
        maxMs,
      );
      report({
        name: `under attack: good-assignment p50 during an unknown-key flood (4 connections, ${flood.sent} requests)`,
        value: flood.p50,
        unit: 'ms',
        limit: 2 * idle,
        limitName: '2 x idle p50',
        ratio: flood.p50 / (2 * idle),
        target: '<= 1',
      });
      report({
        name: 'under attack: server memory after the unknown-key flood',
        value: residentMb(mock.child.pid),
        unit: 'MB',
        limit: null,
        limitName: '',
        ratio: null,
        target: `idle ${rssIdle.toFixed(0)} MB`,
      });

      // Journal bloat: sign_with with thousands of invalid names, a finding each.
      const bloat = JSON.stringify({
        user_identifier: 'bloat@example.test',
        key_type: 'rsa4096',
        key_environment: 'HOT',
        organisation: { customer_id: 'org-bloat' },
        package: {},
        sign_with: Array.from({ length: 2000 }, (_, i) => `not_a_field_${i}`),
      });
      const bloated = await during(
        mock,
        4,
        '/v1/partner/keys',
        () => bloat,
        () => goodAssignments(pool, count),
        maxMs,
      );
      report({
        name: `under attack: good-assignment p50 during a journal-bloat flood (sign_with of 2,000 invalid names, 4 connections, ${bloated.sent} requests)`,
        value: bloated.p50,
        unit: 'ms',
        limit: 2 * idle,
        limitName: '2 x idle p50',
        ratio: bloated.p50 / (2 * idle),
        target: '<= 1',
      });
      report({
        name: 'under attack: server memory after the journal-bloat flood',
        value: residentMb(mock.child.pid),
        unit: 'MB',
        limit: null,
        limitName: '',
        ratio: null,
        target: `idle ${rssIdle.toFixed(0)} MB`,
      });
    } finally {
      await pool.close();
      await mock.stop();
    }

    // --opaque-errors: every failure kind against the others, interleaved so drift hits all alike.
    const opaque = await startMockProcess([
      ...TEST_SEEDS.flatMap((file) => ['--seed', file]),
      '--pool-size',
      '0',
      '--no-test-pool',
      '--opaque-errors',
    ]);
    const opaquePool = new Pool(opaque.url, { connections: 1 });
    try {
      const keys: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const answer = await opaquePool.request({
          method: 'POST',
          path: '/v1/partner/keys',
          headers,
          body: goodAssignment('org-opaque'),
        });
        keys.push(((await answer.body.json()) as { public_key: string }).public_key);
      }
      const rounds = quick ? 8 : 24;
      const times = new Map<FailureKind, number[]>(FAILURE_KINDS.map((kind) => [kind, []]));
      for (let round = -2; round < rounds; round += 1) {
        for (const kind of FAILURE_KINDS) {
          const answer = await post(
            opaquePool,
            '/v1/partner/secure/data',
            JSON.stringify(failingStore(kind, keys[0] as string, keys[4] as string)),
          );
          if (answer.status !== 400) throw new Error(`opaque ${kind} answered ${answer.status}`);
          // The first two rounds warm the workers' key caches.
          if (round >= 0) times.get(kind)?.push(answer.ms);
        }
      }
      const medians = FAILURE_KINDS.map((kind) => [kind, median(times.get(kind) ?? [])] as const);
      const fastest = Math.min(...medians.map(([, ms]) => ms));
      for (const [kind, ms] of medians) {
        report({
          name: `under attack: --opaque-errors p50, ${kind}`,
          value: ms,
          unit: 'ms',
          limit: fastest,
          limitName: 'fastest kind',
          ratio: ms / fastest,
          target: '<= 1.1',
        });
      }
      const slowest = Math.max(...medians.map(([, ms]) => ms));
      report({
        name: 'under attack: --opaque-errors spread, slowest kind / fastest kind',
        value: slowest / fastest,
        unit: 'x',
        limit: 1.1,
        limitName: 'target',
        ratio: slowest / fastest / 1.1,
        target: '<= 1',
      });
    } finally {
      await opaquePool.close();
      await opaque.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
