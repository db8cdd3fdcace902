/**
 * The server's architecture, as rules on its imports. Every module under mock-server/ is read
 * with the TypeScript compiler's own pre-processor (static imports, `import type`, `export … from`,
 * dynamic `import('…')` and `require('…')`), each relative specifier resolved to its file, and
 * each rule below is one test, named by the rule it enforces.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../mock-server/', import.meta.url));
const MODULE = /\.(ts|cts|mts|js|mjs|cjs)$/;

interface Import {
  /** The importing module, relative to mock-server/ ("storage/storeSecureData.ts"). */
  from: string;
  specifier: string;
  /** The imported module relative to mock-server/, for a relative specifier inside it. */
  to?: string;
}

function modules(): string[] {
  return readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
    .filter((file) => MODULE.test(file) && !file.endsWith('.d.ts'))
    .map((file) => file.split('\\').join('/'))
    .sort();
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { from: file, specifier };
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier))
      .split('\\')
      .join('/');
    return target.startsWith('..')
      ? { from: file, specifier }
      : { from: file, specifier, to: target };
  });
}

const MODULES = modules();
const IMPORTS = MODULES.flatMap(importsOf);
const folderOf = (file: string) => (file.includes('/') ? (file.split('/')[0] as string) : '');
const builtin = (specifier: string) => specifier.replace(/^node:/, '');

/** The domain: typed input and a few collaborators in, a result or an ApiError out. */
const DOMAIN = ['storage', 'keys', 'diagnostics', 'crypto', 'store'];
/** The HTTP edge, which the domain never sees. */
const EDGE_FOLDERS = ['http', 'routes', 'control'];
const EDGE_FILES = ['app.ts', 'deps.ts', 'transport.ts', 'main.ts', 'cli.ts'];

function violations(accept: (i: Import) => boolean, within: (file: string) => boolean): string[] {
  return IMPORTS.filter((i) => within(i.from) && !accept(i)).map(
    (i) => `${i.from} imports ${i.to ?? i.specifier}`,
  );
}

describe('module boundaries', () => {
  it('reads the modules it judges', () => {
    assert.ok(MODULES.length > 50, `only ${MODULES.length} modules found under mock-server/`);
    assert.ok(IMPORTS.some((i) => i.from === 'storage/loadStorageKey.ts' && i.to === 'model.ts'));
  });

  it('rule "domain without the transport": storage/, keys/, diagnostics/, crypto/ and store/ never import express, the request context, AppDeps (deps.ts), the fault switches, http/, routes/, control/ or the app', () => {
    const found = violations(
      (i) =>
        !(
          i.specifier === 'express' ||
          i.specifier.startsWith('express/') ||
          (i.to !== undefined &&
            (EDGE_FOLDERS.includes(folderOf(i.to)) || EDGE_FILES.includes(i.to)))
        ),
      (file) => DOMAIN.includes(folderOf(file)),
    );
    assert.deepEqual(found, []);
  });

  it('rule "config passed as plain values": the domain never imports config.ts, except store/openState.ts, which opens the store the start-up config names', () => {
    const found = violations(
      (i) => i.to !== 'config.ts' || i.from === 'store/openState.ts',
      (file) => DOMAIN.includes(folderOf(file)),
    );
    assert.deepEqual(found, []);
  });

  it('rule "crypto owns the happy path": crypto/ imports only node:crypto, node-forge, the model, itself and the builtins it needs (worker_threads for the worker threads, os for the pool size and the key generator’s priority, util to promisify key generation, fs for the enclave key files and the key generator’s thread id; child_process for the key generator’s chrt, alone)', () => {
    const builtins = new Set(['crypto', 'worker_threads', 'os', 'util', 'fs']);
    /** Each with its reason: neither is a domain dependency. */
    const exceptions = new Set([
      // Starting a worker thread locates its file (source or compiled) from the package's layout.
      'crypto/workerThread.ts -> packagePaths.ts',
      // The worker entry of the source tree registers tsx's loader; the built package loads rsaWorker.js.
      'crypto/rsaWorkerBoot.mjs -> tsx/esm/api',
      // The key generator's thread asks util-linux's chrt for SCHED_IDLE, once, at its start.
      'crypto/keygenWorker.ts -> node:child_process',
    ]);
    const found = violations(
      (i) =>
        i.specifier === 'node-forge' ||
        (i.to === undefined &&
          i.specifier.startsWith('node:') &&
          builtins.has(builtin(i.specifier))) ||
        i.to === 'model.ts' ||
        (i.to !== undefined && folderOf(i.to) === 'crypto') ||
        exceptions.has(`${i.from} -> ${i.to ?? i.specifier}`),
      (file) => folderOf(file) === 'crypto',
    );
    assert.deepEqual(found, []);
  });

  it('rule "one model": model.ts imports nothing of the mock', () => {
    assert.deepEqual(
      violations(
        (i) => i.to === undefined,
        (file) => file === 'model.ts',
      ),
      [],
    );
  });

  it('rule "diagnostics only explains": diagnostics/ imports no store, storage or keys module (the store comes in as an interface)', () => {
    const found = violations(
      (i) => i.to === undefined || !['store', 'storage', 'keys'].includes(folderOf(i.to)),
      (file) => folderOf(file) === 'diagnostics',
    );
    assert.deepEqual(found, []);
  });

  it('rule "no import cycle": no module under mock-server/ reaches itself through its imports', () => {
    const graph = new Map<string, string[]>(MODULES.map((m) => [m, []]));
    for (const i of IMPORTS) if (i.to && graph.has(i.to)) graph.get(i.from)?.push(i.to);
    assert.deepEqual(cyclesOf(graph), []);
  });

  it('rule "no folder cycle": no two folders of mock-server/ import each other, directly or through others', () => {
    const graph = new Map<string, string[]>();
    for (const i of IMPORTS) {
      const [a, b] = [folderOf(i.from), i.to === undefined ? '' : folderOf(i.to)];
      if (a === '' || b === '' || a === b) continue;
      graph.set(a, [...(graph.get(a) ?? []), b]);
      if (!graph.has(b)) graph.set(b, []);
    }
    assert.deepEqual(cyclesOf(graph), []);
  });
});

/** The strongly connected components with more than one node, or a node importing itself (Tarjan). */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, indices.get(next) as number));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node))
        cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}
