import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { describe, it } from 'node:test';
import { BackgroundKeygen } from '../mock-server/crypto/backgroundKeygen.ts';

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('the background key generator', () => {
  it('makes RSA-4096 keys on a thread of the lowest priority, leaving the others as they were', async () => {
    const keygen = new BackgroundKeygen();
    try {
      const before = platform() === 'linux' ? threadNiceValues() : [];
      const key = await keygen.generate();
      assert.equal(key.asymmetricKeyDetails?.modulusLength, 4096);
      assert.equal(createPublicKey(key).asymmetricKeyType, 'rsa');
      if (platform() === 'linux') {
        const after = threadNiceValues();
        assert.equal(
          after.filter((nice) => nice === 19).length,
          1 + before.filter((n) => n === 19).length,
        );
        assert.ok(
          after
            .filter((nice) => nice !== 19)
            .every((nice) => nice === (before.find((n) => n !== 19) ?? 0)),
        );
      }
    } finally {
      await keygen.close();
    }
  });

  it('rejects what is pending when closed', async () => {
    const keygen = new BackgroundKeygen();
    const rejected = assert.rejects(keygen.generate(), /closed/);
    await keygen.close();
    await rejected;
  });
});
