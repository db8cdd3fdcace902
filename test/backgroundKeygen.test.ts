import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { describe, it } from 'node:test';
import { BackgroundKeygen } from '../mock-server/crypto/backgroundKeygen.ts';

/** Fields of each thread of this process's /proc/self/task/<tid>/stat, from the one after its name. */
function threadStats(): string[][] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  });
}
/** The nice value of each thread (field 19 of stat). */
const threadNiceValues = () => threadStats().map((fields) => Number(fields[16]));
/** The scheduling policy of each thread (field 41 of stat; 5 is SCHED_IDLE). */
const threadPolicies = () => threadStats().map((fields) => Number(fields[38]));
const SCHED_IDLE = 5;
const hasChrt = (() => {
  try {
    execFileSync('chrt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

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

  it(
    'puts that thread alone on SCHED_IDLE where chrt is installed, so it runs only on a core nothing else wants',
    {
      skip: platform() !== 'linux' || !hasChrt ? 'needs Linux and util-linux chrt' : false,
    },
    async () => {
      const keygen = new BackgroundKeygen();
      try {
        const before = threadPolicies().filter((policy) => policy === SCHED_IDLE).length;
        await keygen.generate();
        assert.equal(threadPolicies().filter((policy) => policy === SCHED_IDLE).length, before + 1);
      } finally {
        await keygen.close();
      }
    },
  );

  it('rejects what is pending when closed', async () => {
    const keygen = new BackgroundKeygen();
    const rejected = assert.rejects(keygen.generate(), /closed/);
    await keygen.close();
    await rejected;
  });
});
