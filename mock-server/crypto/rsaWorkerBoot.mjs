// Worker-thread entry from sources: Node 20 workers do not inherit tsx's loader, so register it
// here, then load the TypeScript worker named in workerData (crypto/workerThread.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(new URL(workerData.entry, import.meta.url).href);
