/**
 * Starting one of crypto/'s worker threads. Compiled, a worker is plain JavaScript beside this
 * module; from sources, a boot file registers tsx first (Node 20 workers do not inherit the
 * loader) and then loads the TypeScript entry named in workerData.
 */
import { Worker } from 'node:worker_threads';
import { COMPILED } from '../packagePaths.ts';

export type WorkerEntry = 'rsaWorker' | 'keygenWorker';

export function startWorker(entry: WorkerEntry): Worker {
  return COMPILED
    ? new Worker(new URL(`./${entry}.js`, import.meta.url))
    : new Worker(new URL('./rsaWorkerBoot.mjs', import.meta.url), {
        workerData: { entry: `./${entry}.ts` },
      });
}
