import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applySeeds, readSeedFile } from '../mock-server/store/seedFile.ts';
import { MemoryStore } from '../mock-server/store/memoryStore.ts';
import { tempDir } from './support/tempDirs.ts';

const dir = tempDir('seed-test-');
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('seed files', () => {
  it('loads the vector key and never adds it twice', () => {
    const seed = readSeedFile(
      new URL('../fixtures/seeds/vector-key.test.json', import.meta.url).pathname,
    );
    const store = new MemoryStore();
    assert.deepEqual(applySeeds(store, [seed]), { keys: 1, backups: 0 });
    assert.deepEqual(applySeeds(store, [seed]), { keys: 0, backups: 0 });
    assert.equal(store.counts().keys, 1);
  });
  it('names the file and the entry when a key is not RSA-4096', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const file = write('small.json', {
      format: 'coincover-mock-seed/1',
      pool: [{ key_type: 'rsa4096', private_key_pem: pem }],
    });
    assert.throws(
      () => readSeedFile(file),
      (error: Error) =>
        error.message.includes(file) &&
        error.message.includes('pool[0]') &&
        /RSA-4096/.test(error.message),
    );
  });
  it('names the file when it is not JSON or not a seed file', () => {
    const broken = write('broken.json', '{"format": ');
    assert.throws(
      () => readSeedFile(broken),
      new RegExp(broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
    );
    const foreign = write('foreign.json', { hello: 'world' });
    assert.throws(() => readSeedFile(foreign), /format/);
  });
  it('loads signer keys and backups, and checks a given public_key against the private key', () => {
    const backups = readSeedFile(
      new URL('../fixtures/seeds/backups.test.json', import.meta.url).pathname,
    );
    assert.deepEqual(
      backups.keys.map((k) => k.keyType),
      ['secp256k1', 'ed25519'],
    );
    assert.match(backups.keys[0]?.publicKeyHex ?? '', /^0[23][0-9a-f]{64}$/);
    assert.equal(backups.backups.length, 4);
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const key = {
      key_id: '5eed0000-0000-4000-8000-0000000000aa',
      user_identifier: 'u',
      key_type: 'ed25519',
      key_environment: 'HOT',
      private_key_pem: pem,
    };
    const wrong = write('wrong-public.json', {
      format: 'coincover-mock-seed/1',
      keys: [{ ...key, public_key: 'ab'.repeat(32) }],
    });
    assert.throws(
      () => readSeedFile(wrong),
      /keys\[0\]: public_key is not the public key of private_key_pem/,
    );
    const twice = write('twice.json', { format: 'coincover-mock-seed/1', keys: [key, key] });
    assert.throws(() => readSeedFile(twice), /keys\[1\]: the same key_id or key appears earlier/);
  });
  it('refuses a data backup that is not an RSA-4096 ciphertext, or that contradicts its data_size', () => {
    const base = {
      backup_id: '5eed0000-0000-4000-8000-0000000000bb',
      key_id: '7d0c4f5e-2a61-4c1b-9e3f-5b8a2d9c0e11',
      backup_type: 'data',
      checksum: null,
    };
    const short = write('short.json', {
      format: 'coincover-mock-seed/1',
      backups: [{ ...base, data: Buffer.alloc(256).toString('base64') }],
    });
    assert.throws(
      () => readSeedFile(short),
      /backups\[0\]: data is 256 bytes; a stored RSA-4096 ciphertext is 512/,
    );
    const size = write('size.json', {
      format: 'coincover-mock-seed/1',
      backups: [{ ...base, data: Buffer.alloc(512).toString('base64'), data_size: 500 }],
    });
    assert.throws(() => readSeedFile(size), /data_size 500 is not the 512 bytes/);
  });
});
