/**
 * npm run bench [-- --json] [--quick] [--stores-only] [--under-attack-only]: the project's figures beside the limit measured in the same run on the
 * same machine, as ratios. Not a test: these machines are shared and noisy, so nothing here fails.
 */
import {
  constants,
  createHash,
  createPublicKey,
  generateKeyPair,
  privateDecrypt,
  publicEncrypt,
  type KeyObject,
} from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { FormData, Pool } from 'undici';
import { TEST_SEEDS } from '../mock-server/store/shippedSeeds.ts';
import { startMockProcess } from '../mock-server/api/mockProcess.cts';
import { underAttack, type AttackFigure } from './underAttack.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    'under-attack-only': { type: 'boolean' },
    'stores-only': { type: 'boolean' },
  },
});
const quick = values.quick ?? false;
/** --stores-only: the store, diagnosis and refill figures alone (the rest takes minutes). */
const storesOnly = values['stores-only'] ?? false;
/** Stores a mock serves before its store figures are measured (see the warm-up below). */
const warmUpStores = quick ? 300 : 5000;
const generateRsa = promisify(generateKeyPair);
const cores = availableParallelism();

type Figure = AttackFigure;
const figures: Figure[] = [];
function report(f: Figure) {
  figures.push(f);
  if (!values.json) {
    const ratio = f.ratio === null ? '' : `  ratio ${f.ratio.toFixed(2)}`;
    const limit =
      f.limit === null ? '' : `  (limit: ${f.limit.toFixed(2)} ${f.unit}, ${f.limitName})`;
    console.log(
      `${f.name}: ${f.value.toFixed(2)} ${f.unit}${limit}${ratio}${f.target ? `  target ${f.target}` : ''}`,
    );
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

// --- the limits: what node:crypto (OpenSSL) does on this machine --------------------------------

async function rawKeygenPerSecond(count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: cores }, async () => {
      while (next < count) {
        next += 1;
        await generateRsa('rsa', { modulusLength: 4096, publicExponent: 0x10001 });
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/**
 * OAEP decrypts per second on every core at once: the ceiling for stores under load. Also the CPU
 * each costs with every core busy, the fair measure for stores, whose decrypts run on every core at
 * once too: each thread's own CPU over its decrypts (Linux), else this process's CPU over the run
 * (worker start-up included, a little more).
 */
async function rawDecryptsPerSecondAllCores(
  key: KeyObject,
  seconds: number,
): Promise<{ rate: number; cpuMs: number }> {
  const ciphertext = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from('bench'),
  );
  const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cpu = process.cpuUsage();
  const results = await Promise.all(
    Array.from({ length: cores }, () => {
      const worker = new Worker(new URL('./rawDecryptWorker.mjs', import.meta.url), {
        workerData: { pem, ciphertext, seconds },
      });
      return new Promise<{ n: number; ms: number; cpuMs: number | null }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }).finally(() => void worker.terminate());
    }),
  );
  const used = process.cpuUsage(cpu);
  const total = results.reduce((sum, r) => sum + r.n, 0);
  const threadCpu = results.every((r) => r.cpuMs !== null)
    ? results.reduce((sum, r) => sum + (r.cpuMs as number), 0)
    : null;
  return {
    rate: results.reduce((sum, r) => sum + r.n / (r.ms / 1000), 0),
    cpuMs: (threadCpu ?? (used.user + used.system) / 1000) / total,
  };
}

/** One thread doing nothing but OAEP decrypts: their rate, and the CPU milliseconds each costs. */
function rawDecryptsPerSecond(key: KeyObject, seconds: number): { rate: number; cpuMs: number } {
  const ciphertext = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from('bench'),
  );
  let n = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < seconds * 1000) {
    privateDecrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      ciphertext,
    );
    n += 1;
  }
  const used = process.cpuUsage(cpu);
  return {
    rate: n / ((performance.now() - started) / 1000),
    cpuMs: (used.user + used.system) / 1000 / n,
  };
}

// --- the project ------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

async function call(pool: Pool, path: string, body: unknown): Promise<Answer> {
  const started = performance.now();
  const answer = await pool.request({
    method: 'POST',
    path,
    headers: { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = (await answer.body.json()) as Record<string, unknown>;
  return { status: answer.statusCode, body: parsed, ms: performance.now() - started };
}

/** A field of /proc/<pid>/status in KiB (0 where /proc is not there). */
function residentKiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  const file = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(file)) return 0;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** CPU milliseconds a process has used, every thread (Linux /proc; null elsewhere). */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on every Linux Node supports).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The key pool as /_mock/health reports it. */
async function poolStats(pool: Pool): Promise<{ generating: number; generated: number }> {
  const answer = await pool.request({ method: 'GET', path: '/_mock/health' });
  return ((await answer.body.json()) as { pool: { generating: number; generated: number } }).pool;
}

/** Resets the peak-RSS mark (VmHWM) of a process we own: `echo 5 > /proc/<pid>/clear_refs`. */
function resetPeakResident(pid: number | undefined): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not permitted: the peak then counts from the process start
  }
}

/** The RSA worker threads boot in the background after the ready line; measure once they run. */
async function workersOnline(pool: Pool): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const answer = await pool.request({ method: 'GET', path: '/_mock/health' });
    const { crypto_workers: w } = (await answer.body.json()) as {
      crypto_workers: { size: number; online: number };
    };
    if (w.online >= w.size) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let userCounter = 0;
function assignBody(environment = 'HOT') {
  userCounter += 1;
  return {
    user_identifier: `bench-${userCounter}-${Date.now()}`,
    key_type: 'rsa4096',
    key_environment: environment,
    organisation: { customer_id: 'org-bench', customer_name: 'Bench' },
    package: { package_id: 'pkg-bench', package_name: 'Bench' },
  };
}

async function assignLatencies(pool: Pool, count: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const answer = await call(pool, '/v1/partner/keys', assignBody());
        if (answer.status !== 200) throw new Error(`assign answered ${answer.status}`);
        latencies.push(answer.ms);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function storeBody(publicKeyHex: string, padding: { oaepHash: string } = { oaepHash: 'sha256' }) {
  const plaintext = Buffer.from(`bench seed phrase ${Math.random()}`);
  const key = createPublicKey({
    key: Buffer.from(publicKeyHex, 'hex'),
    format: 'der',
    type: 'spki',
  });
  const ciphertext = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: padding.oaepHash },
    plaintext,
  );
  return {
    public_key: publicKeyHex,
    checksum: createHash('sha256').update(plaintext).digest('hex'),
    data: ciphertext.toString('base64'),
  };
}

/** One store, as lean as a load generator can be: a body serialised beforehand, the answer's bytes dropped. */
async function storeOnce(pool: Pool, body: Buffer): Promise<void> {
  const answer = await pool.request({
    method: 'POST',
    path: '/v1/partner/secure/data',
    headers: { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' },
    body,
  });
  if (answer.statusCode !== 200)
    throw new Error(`store answered ${answer.statusCode}: ${await answer.body.text()}`);
  await answer.body.dump();
}

interface StoreRun {
  /** Stores per second. */
  rate: number;
  /** CPU milliseconds per store of every thread of the mock (null where /proc is not there). */
  serverCpuMs: number | null;
  /** CPU milliseconds per store of this process, the load generator, on the same cores. */
  generatorCpuMs: number;
}

/** `bodies.length` stores over `concurrency` connections, and the CPU the mock and this process spent. */
async function storesPerSecond(
  pool: Pool,
  mockPid: number | undefined,
  bodies: Buffer[],
  concurrency: number,
): Promise<StoreRun> {
  let next = 0;
  const serverBefore = processCpuMs(mockPid);
  const generatorBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next] as Buffer;
        next += 1;
        await storeOnce(pool, body);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const generator = process.cpuUsage(generatorBefore);
  const serverAfter = processCpuMs(mockPid);
  return {
    rate: bodies.length / seconds,
    serverCpuMs:
      serverBefore === null || serverAfter === null
        ? null
        : (serverAfter - serverBefore) / bodies.length,
    generatorCpuMs: (generator.user + generator.system) / 1000 / bodies.length,
  };
}

/**
 * The median of `runs` runs, each figure on its own (these machines are shared: one run can land
 * on a busy moment). Runs are sequential; the bodies of each are made before its clock starts.
 */
async function medianStoreRun(runs: number, run: () => Promise<StoreRun>): Promise<StoreRun> {
  const results: StoreRun[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await run());
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const cpu = results.map((r) => r.serverCpuMs);
  return {
    rate: median(results.map((r) => r.rate)),
    serverCpuMs: cpu.includes(null) ? null : median(cpu as number[]),
    generatorCpuMs: median(results.map((r) => r.generatorCpuMs)),
  };
}

/** bench/expressFloor.mjs as a child process, given `key`; its URL once it is listening. */
async function startExpressFloor(
  key: KeyObject,
): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./expressFloor.mjs', import.meta.url))],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit');
  child.stdin.end(key.export({ type: 'pkcs8', format: 'pem' }));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Express floor exited (${code})`)));
    lines.on('line', (line) => {
      const ready = /^ready at (http:\/\/\S+)$/.exec(line);
      if (ready) resolve(ready[1] as string);
    });
  });
  return {
    url,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Store bodies for one public key, serialised to bytes: the generator's own work, done before the clock starts. */
const storeBodies = (publicKeyHex: string, count: number) =>
  Array.from({ length: count }, () => Buffer.from(JSON.stringify(storeBody(publicKeyHex))));

async function meanMs(pool: Pool, bodies: object[], expectStatus: number): Promise<number> {
  let total = 0;
  for (const body of bodies) {
    const answer = await call(pool, '/v1/partner/secure/data', body);
    if (answer.status !== expectStatus)
      throw new Error(`expected ${expectStatus}, got ${answer.status}`);
    total += answer.ms;
  }
  return total / bodies.length;
}

/**
 * Under attack: good assignments, one at a time, while `attackers` connections send one hostile
 * body after another without pause. The body is built once; the load generator only resends it.
 */
async function assignP50UnderAttack(
  pool: Pool,
  attack: string,
  count: number,
  attackers = 2,
): Promise<{ p50: number; attacks: number }> {
  let stop = false;
  let attacks = 0;
  const flood = Array.from({ length: attackers }, async () => {
    while (!stop) {
      const answer = await pool.request({
        method: 'POST',
        path: '/v1/partner/keys',
        headers: { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' },
        body: attack,
      });
      await answer.body.dump();
      if (answer.statusCode >= 500) throw new Error(`an attack got ${answer.statusCode}`);
      attacks += 1;
    }
  });
  const latencies = await assignLatencies(pool, count, 1);
  stop = true;
  await Promise.all(flood);
  return { p50: percentile(latencies, 50), attacks };
}

async function main() {
  if (!values.json)
    console.log(
      `coincover-mock benchmark: ${cores} cores, Node ${process.versions.node}, OpenSSL ${process.versions.openssl}${quick ? ' (quick)' : ''}\n`,
    );

  if (values['under-attack-only']) {
    await underAttack(report, quick);
    if (values.json)
      console.log(
        JSON.stringify(
          { cores, node: process.versions.node, openssl: process.versions.openssl, figures },
          null,
          2,
        ),
      );
    return;
  }

  if (!storesOnly) {
    // A mock started as a user starts it (default options): its first HOT and COLD answers.
    const fresh = await startMockProcess([]);
    const freshPool = new Pool(fresh.url, { connections: 1 });
    for (const environment of ['HOT', 'COLD']) {
      const first = await call(freshPool, '/v1/partner/keys', assignBody(environment));
      if (first.status !== 200)
        throw new Error(`the first ${environment} assignment answered ${first.status}`);
      report({
        name: `first ${environment} assignment after the ready line, default options`,
        value: first.ms,
        unit: 'ms',
        limit: 1000,
        limitName: 'target',
        ratio: first.ms / 1000,
        target: '< 0.25 (ratio)',
      });
    }
    await freshPool.close();
    await fresh.stop();
  }

  // Warm pool: the seeded pool keys, so assignment does no generation.
  const warm = await startMockProcess(
    TEST_SEEDS.flatMap((file) => ['--seed', file]).concat(['--pool-size', '0']),
  );
  report({
    name: 'start-up to ready line',
    value: warm.startupMs,
    unit: 'ms',
    limit: 1000,
    limitName: 'target',
    ratio: warm.startupMs / 1000,
    target: '< 1 (ratio)',
  });
  const warmPool = new Pool(warm.url, { connections: 64 });
  await workersOnline(warmPool);
  const warmLatencies = await assignLatencies(warmPool, quick ? 20 : 60, 1);
  report({
    name: 'assign-key p50, warm pool',
    value: percentile(warmLatencies, 50),
    unit: 'ms',
    limit: 5,
    limitName: 'target',
    ratio: percentile(warmLatencies, 50) / 5,
    target: '< 1 (ratio)',
  });
  report({
    name: 'assign-key p99, warm pool',
    value: percentile(warmLatencies, 99),
    unit: 'ms',
    limit: null,
    limitName: '',
    ratio: null,
    target: '',
  });

  if (!storesOnly) {
    // Under attack: the warm pool holds enough seeded keys for these good assignments too.
    const idleP50 = percentile(warmLatencies, 50);
    const attacks: Array<[string, string]> = [
      [
        'a journal-bloat flood (sign_with of 9,000 bad names)',
        JSON.stringify({
          ...assignBody(),
          sign_with: Array.from({ length: 9000 }, (_, i) => `not-a-field-${i}`),
        }),
      ],
      ['a flood of 10 MB nesting bombs', `${'['.repeat(5_000_000)}${']'.repeat(5_000_000)}`],
    ];
    for (const [what, body] of attacks) {
      const attacked = await assignP50UnderAttack(warmPool, body, quick ? 5 : 15);
      report({
        name: `assign-key p50 during ${what}, 2 attacking connections`,
        value: attacked.p50,
        unit: 'ms',
        limit: idleP50 * 2,
        limitName: '2 x the idle p50',
        ratio: attacked.p50 / (idleP50 * 2),
        target: '<= 1',
      });
    }
  }

  // Stores: under one issued key.
  const assigned = await call(warmPool, '/v1/partner/keys', assignBody());
  const publicKeyHex = String(assigned.body.public_key);
  const storeCount = quick ? 100 : 1000;
  // V8 compiles the hot path over the first few thousand requests of a process (its optimising
  // compiler runs on background threads and is counted in the mock's CPU): measured apart, before
  // the steady-state figures.
  const warmUp = await storesPerSecond(
    warmPool,
    warm.child.pid,
    storeBodies(publicKeyHex, warmUpStores),
    8,
  );
  // The limits, measured now: right before the figures they bound (a shared machine's speed drifts).
  const rawKey = (await generateRsa('rsa', { modulusLength: 4096 })).privateKey;
  const rawDecrypts = rawDecryptsPerSecond(rawKey, quick ? 1 : 2);
  const rawDecryptsAllCores = await rawDecryptsPerSecondAllCores(rawKey, quick ? 1 : 2);
  report({
    name: 'node:crypto OAEP decrypts per second, one thread',
    value: rawDecrypts.rate,
    unit: '/s',
    limit: null,
    limitName: '',
    ratio: null,
    target: '',
  });
  const decryptRate = (storesPerSecond: number) => ({
    unit: '/s',
    limit: rawDecryptsAllCores.rate,
    limitName: `node:crypto OAEP decrypts/s, all ${cores} cores`,
    ratio: storesPerSecond / rawDecryptsAllCores.rate,
  });
  const decryptCpu = (perStore: number) => ({
    unit: 'ms',
    limit: rawDecryptsAllCores.cpuMs,
    limitName: `CPU of one node:crypto OAEP decrypt, all ${cores} cores busy`,
    ratio: perStore / rawDecryptsAllCores.cpuMs,
  });
  if (warmUp.serverCpuMs !== null)
    report({
      name: `server CPU per store, the mock's first ${warmUpStores} stores (warm-up: V8 still compiling), 8 connections`,
      value: warmUp.serverCpuMs,
      ...decryptCpu(warmUp.serverCpuMs),
      target: '',
    });
  let mockAt8: StoreRun | undefined;
  for (const concurrency of [1, 8, 64]) {
    const run = await medianStoreRun(concurrency === 8 ? 3 : 1, () =>
      storesPerSecond(warmPool, warm.child.pid, storeBodies(publicKeyHex, storeCount), concurrency),
    );
    report({
      name: `secure/data stores per second, ${concurrency} connection(s)${concurrency === 8 ? ` (median of 3 runs of ${storeCount})` : ''}`,
      value: run.rate,
      ...decryptRate(run.rate),
      target: concurrency >= 8 ? '>= 0.85' : '',
    });
    if (concurrency === 8) mockAt8 = run;
    if (concurrency === 8 && run.serverCpuMs !== null) {
      report({
        name: 'server CPU per store, 8 connections (every thread of the mock)',
        value: run.serverCpuMs,
        ...decryptCpu(run.serverCpuMs),
        target: '<= 1.15',
      });
      report({
        name: 'server CPU per store against one decrypt on one thread (the other cores idle)',
        value: run.serverCpuMs,
        unit: 'ms',
        limit: rawDecrypts.cpuMs,
        limitName: 'CPU of one node:crypto OAEP decrypt, one thread',
        ratio: run.serverCpuMs / rawDecrypts.cpuMs,
        target: '',
      });
      report({
        name: 'load generator CPU per store (this process, on the same cores as the mock)',
        value: run.generatorCpuMs,
        unit: 'ms',
        limit: null,
        limitName: '',
        ratio: null,
        target: '',
      });
      // What the cores allow: every store costs the mock's CPU and the generator's.
      const ceiling = (cores * 1000) / (run.serverCpuMs + run.generatorCpuMs);
      report({
        name: 'secure/data stores per second, 8 connections, against what the cores allow with the generator beside the mock',
        value: run.rate,
        unit: '/s',
        limit: ceiling,
        limitName: `${cores} cores / (server + generator CPU per store)`,
        ratio: run.rate / ceiling,
        target: '',
      });
    }
  }

  // The Express floor: a bare Express app that only parses the JSON body, decrypts on the same
  // worker threads and answers (bench/expressFloor.mjs), run as the mock was: the same warm-up,
  // then the median of three runs. What the mock spends beyond it is its own pipeline.
  const floor = await startExpressFloor(rawKey);
  const floorPool = new Pool(floor.url, { connections: 8 });
  const floorHex = createPublicKey(rawKey).export({ type: 'spki', format: 'der' }).toString('hex');
  await storesPerSecond(floorPool, floor.pid, storeBodies(floorHex, warmUpStores), 8);
  const floorRun = await medianStoreRun(3, () =>
    storesPerSecond(floorPool, floor.pid, storeBodies(floorHex, storeCount), 8),
  );
  await floorPool.close();
  await floor.stop();
  report({
    name: 'the Express floor (a bare Express app: JSON body, the same worker-thread decrypt, a JSON answer): stores per second, 8 connections',
    value: floorRun.rate,
    ...decryptRate(floorRun.rate),
    target: '',
  });
  if (floorRun.serverCpuMs !== null) {
    report({
      name: 'the Express floor: server CPU per store, 8 connections',
      value: floorRun.serverCpuMs,
      ...decryptCpu(floorRun.serverCpuMs),
      target: '',
    });
    if (mockAt8?.serverCpuMs != null)
      report({
        name: 'server CPU per store, 8 connections, against the Express floor',
        value: mockAt8.serverCpuMs,
        unit: 'ms',
        limit: floorRun.serverCpuMs,
        limitName: 'the Express floor, same run',
        ratio: mockAt8.serverCpuMs / floorRun.serverCpuMs,
        target: '<= 1.1',
      });
  }

  // Diagnosis: an MGF1-SHA-1 ciphertext (OpenSSL's rsa_mgf1_md:sha1) against a good store.
  const goodBodies = Array.from({ length: quick ? 20 : 60 }, () => storeBody(publicKeyHex));
  const badBodies = Array.from({ length: quick ? 20 : 60 }, () =>
    storeBody(publicKeyHex, { oaepHash: 'sha1' }),
  );
  const goodMs = await meanMs(warmPool, goodBodies, 200);
  const badMs = await meanMs(warmPool, badBodies, 400);
  report({
    name: 'diagnosing a bad ciphertext (OAEP SHA-1)',
    value: badMs,
    unit: 'ms',
    limit: goodMs,
    limitName: 'one good store',
    ratio: badMs / goodMs,
    target: '<= 1.5',
  });
  if (!storesOnly) {
    // A 10 MB file upload: time, and the server's peak resident memory growth (Linux /proc).
    const file = randomBytes(10_000_000);
    resetPeakResident(warm.child.pid);
    const rssBefore = residentKiB(warm.child.pid, 'VmRSS');
    const uploadStarted = performance.now();
    const form = new FormData();
    form.append('public_key', publicKeyHex);
    form.append(
      'file',
      new Blob([new Uint8Array(file)], { type: 'application/octet-stream' }),
      'wallet.enc',
    );
    const upload = await warmPool.request({
      method: 'POST',
      path: '/v1/partner/secure/file',
      headers: { authorization: 'Bearer test-partner-key' },
      body: form,
    });
    await upload.body.dump();
    const uploadMs = performance.now() - uploadStarted;
    if (upload.statusCode !== 200)
      throw new Error(`the 10 MB upload answered ${upload.statusCode}`);
    const peakGrowth = residentKiB(warm.child.pid, 'VmHWM') - rssBefore;
    report({
      name: '10 MB file upload',
      value: uploadMs,
      unit: 'ms',
      limit: null,
      limitName: '',
      ratio: null,
      target: '',
    });
    if (rssBefore > 0) {
      const growthMb = (peakGrowth * 1024) / 1e6;
      report({
        name: '10 MB upload: peak resident memory growth of the server',
        value: growthMb,
        unit: 'MB',
        limit: 30,
        limitName: '3 x the file size',
        ratio: growthMb / 30,
        target: '< 1',
      });
    }
  }

  await warmPool.close();
  await warm.stop();

  // Stores while the key pool refills: a mock with no test pool, generating its pool from start
  // (32 keys, 16 per environment, one at a time at low priority and none while stores queue). It
  // gets the same warm-up as the figures above, so the refill's cost is all that differs.
  const refilling = await startMockProcess(['--no-test-pool', '--pool-size', '16']);
  const refillPool = new Pool(refilling.url, { connections: 16 });
  await workersOnline(refillPool);
  const refillKey = await call(refillPool, '/v1/partner/keys', assignBody());
  const refillHex = String(refillKey.body.public_key);
  await storesPerSecond(refillPool, refilling.child.pid, storeBodies(refillHex, warmUpStores), 8);
  const before = await poolStats(refillPool);
  const refillRun = await medianStoreRun(3, () =>
    storesPerSecond(refillPool, refilling.child.pid, storeBodies(refillHex, storeCount), 8),
  );
  const after = await poolStats(refillPool);
  const stillRefilling = after.generating > 0 || after.generated < 32;
  report({
    name: `secure/data stores per second while the pool refills, 8 connections (median of 3 runs of ${storeCount}; ${after.generated - before.generated} keys generated meanwhile${stillRefilling ? ', refill still running' : ', refill finished during the run'})`,
    value: refillRun.rate,
    ...decryptRate(refillRun.rate),
    target: '>= 0.85',
  });
  if (refillRun.serverCpuMs !== null)
    report({
      name: 'server CPU per store while the pool refills, 8 connections (every thread of the mock)',
      value: refillRun.serverCpuMs,
      ...decryptCpu(refillRun.serverCpuMs),
      target: '',
    });
  await refillPool.close();
  await refilling.stop();

  if (!storesOnly) {
    // Empty pool: every assignment generates its key.
    const cold = await startMockProcess(['--pool-size', '0', '--no-test-pool']);
    const coldPool = new Pool(cold.url, { connections: cores * 2 });
    const coldCount = quick ? cores * 2 : cores * 4;
    const coldStarted = performance.now();
    const coldLatencies = await assignLatencies(coldPool, coldCount, cores * 2);
    const coldRate = coldCount / ((performance.now() - coldStarted) / 1000);
    await coldPool.close();
    await cold.stop();
    const rawKeygen = await rawKeygenPerSecond(coldCount);
    report({
      name: 'assign-key p50, empty pool',
      value: percentile(coldLatencies, 50),
      unit: 'ms',
      limit: null,
      limitName: '',
      ratio: null,
      target: '',
    });
    report({
      name: 'assign-key p99, empty pool',
      value: percentile(coldLatencies, 99),
      unit: 'ms',
      limit: null,
      limitName: '',
      ratio: null,
      target: '',
    });
    report({
      name: 'keys generated per second, empty pool',
      value: coldRate,
      unit: '/s',
      limit: rawKeygen,
      limitName: 'node:crypto generateKeyPair/s, all cores',
      ratio: coldRate / rawKeygen,
      target: '>= 0.9',
    });

    // Good requests while other connections attack the mock, and the opaque-errors timing of each failure kind.
    await underAttack(report, quick);

    // The test suite's own figures, written by the last `npm test` (scripts/test.ts).
    const timing = new URL('../reports/test-timing.json', import.meta.url);
    if (existsSync(timing)) {
      const t = JSON.parse(readFileSync(timing, 'utf8')) as {
        wall_ms: number;
        keygen_ms: number;
        keys_generated: number;
      };
      report({
        name: 'npm test wall time (last run)',
        value: t.wall_ms / 1000,
        unit: 's',
        limit: null,
        limitName: '',
        ratio: null,
        target: '',
      });
      report({
        name: 'share of it spent generating RSA keys',
        value: (100 * t.keygen_ms) / t.wall_ms,
        unit: '%',
        limit: null,
        limitName: `${t.keys_generated} keys generated`,
        ratio: null,
        target: '',
      });
    }
  }

  if (values.json)
    console.log(
      JSON.stringify(
        { cores, node: process.versions.node, openssl: process.versions.openssl, figures },
        null,
        2,
      ),
    );
}

await main();
