// The request log leaves stdout in one write per turn of the event loop, in order, and nothing
// pending is lost when the process exits.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { startMock } from '../mock-server/api/index.ts';
import { BatchedLines, stdoutLogInUse } from '../mock-server/logLines.ts';
import { fromPackageRoot } from '../mock-server/packagePaths.ts';
import { watchReadyLine } from './support/readyLine.ts';

describe('the batched request log', () => {
  it('writes the lines of one turn in one write, in order, and the ready line after what is pending', async () => {
    const writes: string[] = [];
    const lines = new BatchedLines({ write: (chunk: string) => writes.push(chunk) });
    lines.line('one');
    lines.line('two');
    lines.line('three');
    assert.deepEqual(writes, [], 'nothing is written before the turn ends');
    await nextTurn();
    assert.deepEqual(writes, ['one\ntwo\nthree\n']);
    lines.line('four');
    lines.writeNow('ready');
    assert.deepEqual(writes, ['one\ntwo\nthree\n', 'four\n', 'ready\n']);
    await nextTurn();
    assert.equal(writes.length, 3, 'an empty turn writes nothing');
  });

  it('writes what is pending when the process exits', () => {
    const script = [
      "import { stdoutLog } from './mock-server/logLines.ts';",
      "stdoutLog().line('pending 1');",
      "stdoutLog().line('pending 2');",
      'process.exit(0);',
    ].join('\n');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: fromPackageRoot(),
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, TSX_DISABLE_CACHE: '1' },
      },
    );
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, 'pending 1\npending 2\n');
  });

  it('a served mock logs every request, one line each, and the lines outlive SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [fromPackageRoot('bin', 'coincover-mock.mjs'), 'serve', '--port', '0', '--pool-size', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const stdout = watchReadyLine(child);
    const url = await stdout.url;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${url}/.well-known/jwks.json`)),
    );
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    child.kill('SIGTERM');
    await once(child, 'exit');
    const out = stdout.text();
    const logged = out.split('\n').filter((l) => l.startsWith('GET /.well-known/jwks.json 200 '));
    assert.equal(logged.length, 20, out);
    assert.ok(
      out.indexOf('ready at') < out.indexOf('GET /.well-known'),
      'the ready line comes first',
    );
  });
});

describe('a request log nobody reads', () => {
  it('a served mock keeps serving when its stdout pipe is closed (as under `| head -1`)', async () => {
    const child = spawn(
      process.execPath,
      [fromPackageRoot('bin', 'coincover-mock.mjs'), 'serve', '--port', '0', '--pool-size', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const url = await watchReadyLine(child).url;
    child.stdout.destroy();
    for (let i = 0; i < 5; i += 1) {
      const answer = await fetch(`${url}/.well-known/jwks.json`);
      assert.equal(answer.status, 200);
      await answer.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(child.exitCode, null, `the mock exited: ${err}`);
    child.kill('SIGTERM');
    await once(child, 'exit');
    assert.doesNotMatch(err, /EPIPE|Error/);
  });

  it("a mock started from the Node API leaves this process's stdout alone", async () => {
    const mock = await startMock();
    await fetch(`${mock.url}/.well-known/jwks.json`).then((a) => a.arrayBuffer());
    await mock.close();
    assert.equal(stdoutLogInUse(), false, 'no exit hook or error listener was added to stdout');
  });
});
