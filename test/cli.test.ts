// The command line as a user meets it: help, exit codes, one-line errors, and a server that stops
// when the npm wrapper a user or CI job holds is signalled.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { fromPackageRoot } from '../mock-server/packagePaths.ts';
import { watchReadyLine } from './support/readyLine.ts';

const BIN = fromPackageRoot('bin', 'coincover-mock.mjs');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('coincover-mock command line', () => {
  it('--help, --version and every command --help exit 0, documenting the exit codes', () => {
    const help = cli('--help');
    assert.equal(help.status, 0);
    assert.match(
      help.stdout,
      /Exit codes:\n  0 [\s\S]*\n  1 [\s\S]*\n  2 [\s\S]*\n  3   the port is in use/,
    );
    for (const command of ['serve', 'run', 'test', 'steps', 'check-config']) {
      const result = cli(command, '--help');
      assert.equal(result.status, 0, `${command} --help`);
      assert.match(result.stdout, new RegExp(`Usage: coincover-mock ${command}`));
    }
    assert.match(cli('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('usage errors are one line and exit 2', () => {
    const cases: Array<[string[], string]> = [
      [
        ['frobnicate'],
        'coincover-mock: unknown command "frobnicate"; the commands are serve, run, test, steps, check-config (see coincover-mock --help)',
      ],
      [
        ['serve', '--port', 'abc'],
        'coincover-mock serve: --port must be an integer from 0 to 65535 (see coincover-mock serve --help)',
      ],
      [
        ['serve', '--port', '70000'],
        'coincover-mock serve: --port must be an integer from 0 to 65535 (see coincover-mock serve --help)',
      ],
      [
        ['serve', '--colour'],
        "coincover-mock serve: Unknown option '--colour' (see coincover-mock serve --help)",
      ],
      [['run'], 'coincover-mock run: --client is required (see coincover-mock run --help)'],
      [
        ['run', '--client', 'true', '--port', 'x'],
        'coincover-mock run: --port must be an integer from 0 to 65535 (see coincover-mock run --help)',
      ],
      [
        ['check-config'],
        'coincover-mock check-config: name at least one configuration file (see coincover-mock check-config --help)',
      ],
    ];
    for (const [args, line] of cases) {
      const result = cli(...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stderr, `${line}\n`, args.join(' '));
    }
  });

  it('a port in use is exit 3, naming the port', async (t) => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    t.after(() => blocker.close());
    const port = (blocker.address() as { port: number }).port;
    const result = cli('serve', '--port', String(port));
    assert.equal(result.status, 3);
    assert.equal(
      result.stderr,
      `coincover-mock serve: port ${port} on 127.0.0.1 is in use (another coincover-mock?): choose another with --port, or --port 0 for any free port\n`,
    );
  });

  it('run --tags that matches no requirement is a usage error listing the requirement tags', () => {
    const result = cli(
      'run',
      '--client',
      'true',
      '--tags',
      '@no-such-requirement',
      '--reports',
      fromPackageRoot('reports', 'tags-test'),
    );
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /--tags "@no-such-requirement" matches no requirement; the requirement tags are .*@req-backup-hot/,
    );
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} to the npm start process stops the server (none is left holding the port)`, async () => {
      const npm = spawn('npm', ['start', '--silent', '--', '--port', '0', '--quiet'], {
        cwd: fromPackageRoot(),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await watchReadyLine(npm, 'npm start').url;
      assert.equal((await fetch(`${url}/_mock/health`)).status, 200);
      npm.kill(signal);
      let stopped = false;
      for (let i = 0; i < 50 && !stopped; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stopped = await fetch(`${url}/_mock/health`).then(
          () => false,
          () => true,
        );
      }
      assert.ok(stopped, `the server at ${url} outlived ${signal} to npm`);
    });
  }
});
