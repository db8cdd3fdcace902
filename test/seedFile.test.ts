import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applySeeds, readSeedFile } from '../mock-server/store/seedFile.ts';
import { MemoryStore } from '../mock-server/store/memoryStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'seed-test-'));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('seed files', () => {
  it('loads the vector key and never adds it twice', () => {
    const seed = readSeedFile(new URL('../fixtures/seeds/vector-key.test.json', import.meta.url).pathname);
    const store = new MemoryStore();
    assert.deepEqual(applySeeds(store, [seed]), { keys: 1, backups: 0 });
    assert.deepEqual(applySeeds(store, [seed]), { keys: 0, backups: 0 });
    assert.equal(store.counts().keys, 1);
  });
  it('names the file and the entry when a key is not RSA-4096', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const file = write('small.json', { format: 'coincover-mock-seed/1', pool: [{ key_type: 'rsa4096', private_key_pem: pem }] });
    assert.throws(() => readSeedFile(file), (error: Error) => error.message.includes(file) && error.message.includes('pool[0]') && /RSA-4096/.test(error.message));
  });
  it('names the file when it is not JSON or not a seed file', () => {
    const broken = write('broken.json', '{"format": ');
    assert.throws(() => readSeedFile(broken), new RegExp(broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    const foreign = write('foreign.json', { hello: 'world' });
    assert.throws(() => readSeedFile(foreign), /format/);
  });
});
