// Worker-thread entry: Node 20 workers do not inherit tsx's loader, so register it here, then
// load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./rsaWorker.ts', import.meta.url).href);
