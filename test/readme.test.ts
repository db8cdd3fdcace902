// The README's commands for users are the ones the package test (scripts/packageTest.sh) runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromPackageRoot } from '../mock-server/packagePaths.ts';

const readme = readFileSync(fromPackageRoot('README.md'), 'utf8');
const packageTest = readFileSync(fromPackageRoot('scripts', 'packageTest.sh'), 'utf8');

describe('README', () => {
  it('its CI recipes run only commands the package test runs, verbatim', () => {
    const commands = [...readme.matchAll(/^\s+- (?:run: )?(npx coincover-mock .+)$/gm)].map(
      (m) => m[1] as string,
    );
    assert.ok(commands.length >= 4, 'the CI recipes were found');
    for (const command of commands)
      assert.ok(packageTest.includes(command), `the package test does not run: ${command}`);
  });

  it('its quick start installs the tarball as the package test does, and the Node API example is the one it runs', () => {
    assert.match(readme, /npm install --save-dev \.\/coincover-mock-0\.1\.0\.tgz/);
    assert.match(packageTest, /npm install --save-dev \$install_flags "\$TARBALL"/);
    assert.match(readme, /\(examples\/node-test\/coincover\.test\.mjs\)/);
    assert.match(packageTest, /cp "\$ROOT\/examples\/node-test\/coincover\.test\.mjs" \./);
  });
});
