// The bench's Express floor: the least a store can cost in an Express app, as the bench measures
// it beside the mock. An express.json body, the ciphertext decoded from base64 into memory of its
// own, one native RSA-OAEP SHA-256 decrypt on the least busy of one worker thread per core, and a
// JSON answer. Nothing else: no validation, authentication, diagnosis, journal or storage.
// Run as `node bench/expressFloor.mjs` with the private key (PKCS#8 PEM) on stdin; it prints one
// "ready at <url>" line. Plain JavaScript, as the workers it starts.
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { Worker } from 'node:worker_threads';
import express from 'express';

const pem = await text(process.stdin);
const worker = `
const { parentPort, workerData } = require('node:worker_threads');
const { constants, createPrivateKey, privateDecrypt } = require('node:crypto');
const key = createPrivateKey(workerData);
parentPort.on('message', ({ id, ciphertext }) => {
  const plaintext = privateDecrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength),
  );
  parentPort.postMessage({ id, size: plaintext.length });
});`;
const pending = new Map();
let nextId = 1;
const slots = Array.from({ length: availableParallelism() }, () => {
  const slot = { worker: new Worker(worker, { eval: true, workerData: pem }), busy: 0 };
  slot.worker.on('message', ({ id }) => {
    slot.busy -= 1;
    pending.get(id)?.();
    pending.delete(id);
  });
  return slot;
});

const app = express();
app.use(express.json());
app.post('/v1/partner/secure/data', (req, res) => {
  const bytes = Buffer.from(String(req.body.data), 'base64');
  const ciphertext = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(ciphertext);
  const slot = slots.reduce((best, s) => (s.busy < best.busy ? s : best));
  slot.busy += 1;
  const id = nextId++;
  pending.set(id, () =>
    res.json({ backup_id: randomUUID(), data_size: ciphertext.length, backup_type: 'data' }),
  );
  slot.worker.postMessage({ id, ciphertext });
});
const server = createServer(app);
server.listen(0, '127.0.0.1', () =>
  console.log(`ready at http://127.0.0.1:${server.address().port}`),
);
process.once('SIGTERM', () => process.exit(0));
