// A bench worker: RSA-4096 OAEP decrypts in a loop for a fixed time, reporting how many it did.
// Plain JavaScript: Node 20 worker threads do not take tsx's loader.
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const { pem, ciphertext, seconds } = workerData;
const key = createPrivateKey(pem);
const input = Buffer.from(ciphertext);
let n = 0;
const started = performance.now();
while (performance.now() - started < seconds * 1000) {
  privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, input);
  n += 1;
}
parentPort?.postMessage({ n, ms: performance.now() - started });
