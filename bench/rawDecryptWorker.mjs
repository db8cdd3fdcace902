// A bench worker: RSA-4096 OAEP decrypts in a loop for a fixed time, reporting how many it did and
// the CPU this thread spent on them (start-up excluded; Linux only, null elsewhere).
// Plain JavaScript: Node 20 worker threads do not take tsx's loader.
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** CPU milliseconds this thread has used: utime and stime of /proc/thread-self/stat, in 10 ms ticks. */
function threadCpuMs() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const { pem, ciphertext, seconds } = workerData;
const key = createPrivateKey(pem);
const input = Buffer.from(ciphertext);
privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, input);
let n = 0;
const cpuBefore = threadCpuMs();
const started = performance.now();
while (performance.now() - started < seconds * 1000) {
  privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, input);
  n += 1;
}
const ms = performance.now() - started;
const cpuAfter = threadCpuMs();
parentPort?.postMessage({
  n,
  ms,
  cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
});
