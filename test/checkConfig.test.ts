import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  checkConfigFiles,
  checkConfigText,
  ConfigFileError,
  findingMessage,
  formatFindings,
  isSandboxHost,
  UNSUPPORTED_FORMAT,
} from '../runner/checkConfig.ts';

const fixture = (name: string) => `fixtures/configs/${name}`;
const where = (findings: { file: string; line: number; key: string; host: string }[]) =>
  findings.map((f) => `${f.file}:${f.line} ${f.key} ${f.host}`);

/** Asserts the exact ConfigFileError, file:line included. */
function assertConfigError(
  run: () => unknown,
  file: string,
  line: number,
  reason: string | RegExp,
) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ConfigFileError);
    assert.equal(error.file, file);
    assert.equal(error.line, line);
    if (typeof reason === 'string') assert.equal(error.message, `${file}:${line}: ${reason}`);
    else
      assert.match(
        error.message,
        new RegExp(`^${file.replaceAll('.', '\\.')}:${line}: ${reason.source}`),
      );
    return true;
  });
}

describe('isSandboxHost', () => {
  it('flags the sandbox hosts with or without scheme, port, path, case or trailing dot', () => {
    for (const host of [
      'service.uat-keys.coincover.com',
      'orchestrator.uat-control.coincover.com',
      'https://policies.uat-keys.coincover.com/.well-known/jwks.json',
      'uat-keys.coincover.com',
      'uat-control.coincover.com',
      'HTTPS://Service.UAT-Keys.CoinCover.com:8443/v1/partner/keys',
      'service.uat-keys.coincover.com:443',
      'service.uat-keys.coincover.com.',
    ])
      assert.equal(isSandboxHost(host), true, host);
  });
  it('leaves the production hosts and look-alikes alone', () => {
    for (const host of [
      'service.keys.coincover.com',
      'orchestrator.control.coincover.com',
      'https://policies.keys.coincover.com/.well-known/jwks.json',
      'notuat-keys.coincover.com',
      'service.uat-keys.coincover.com.example.org',
      'https://example.com/?next=service.uat-keys.coincover.com',
      '',
      'http://',
    ])
      assert.equal(isSandboxHost(host), false, host);
  });
});

describe('checkConfigText: .env', () => {
  it('passes the production sample', () => {
    assert.deepEqual(checkConfigFiles([fixture('production.env')]), { findings: [], errors: [] });
  });
  it('flags the sandbox base URL with file, line, key, value and host', () => {
    const { findings, errors } = checkConfigFiles([fixture('production-sandbox.env')]);
    assert.deepEqual(errors, []);
    assert.deepEqual(findings, [
      {
        file: fixture('production-sandbox.env'),
        line: 3,
        key: 'COINCOVER_BASE_URL',
        value: 'https://service.uat-keys.coincover.com',
        host: 'service.uat-keys.coincover.com',
        code: 'sandbox_url_in_production',
      },
    ]);
  });
  it('reads export, quotes and trailing comments, and skips comments and blank lines', () => {
    const text = [
      '# COINCOVER_BASE_URL=https://service.uat-keys.coincover.com',
      '',
      'export A="https://service.uat-keys.coincover.com/v1" # quoted',
      "B = 'orchestrator.uat-control.coincover.com:443'",
      'C=https://service.keys.coincover.com # was https://service.uat-keys.coincover.com',
      'D=https://example.com/#uat-keys.coincover.com',
      'E=-Dkeys=https://service.keys.coincover.com,https://policies.uat-keys.coincover.com\r',
      'F="say \\"hi\\" to uat-control.coincover.com" # escaped quotes',
    ].join('\n');
    assert.deepEqual(where(checkConfigText('.env.production', text)), [
      '.env.production:3 A service.uat-keys.coincover.com',
      '.env.production:4 B orchestrator.uat-control.coincover.com',
      '.env.production:6 D uat-keys.coincover.com',
      '.env.production:7 E policies.uat-keys.coincover.com',
      '.env.production:8 F uat-control.coincover.com',
    ]);
  });
  it('names the line of a malformed entry', () => {
    assertConfigError(
      () => checkConfigText('config/prod.env', 'A=1\n\n# fine\nB=2\nC=3\n\nnot a setting\n'),
      'config/prod.env',
      7,
      'expected KEY=VALUE',
    );
    assertConfigError(
      () => checkConfigText('.env', 'A="unterminated\n'),
      '.env',
      1,
      'expected KEY=VALUE',
    );
    assertConfigError(
      () => checkConfigText('.env', "A='x' trailing\n"),
      '.env',
      1,
      'expected KEY=VALUE',
    );
  });
});

describe('checkConfigText: JSON', () => {
  it('passes the production sample, unrelated URLs included', () => {
    assert.deepEqual(checkConfigFiles([fixture('production.json')]), { findings: [], errors: [] });
  });
  it('walks nested objects and arrays with dotted keys and each value’s own line', () => {
    const text =
      '{\n  "coincover": { "baseUrl": "https://service.uat-keys.coincover.com" },\n  "services": [\n    { "url": "https://orchestrator.uat-control.coincover.com" },\n    { "url": "https:\\/\\/service.uat-keys.coincover.com" }\n  ],\n  "ok": "https://service.keys.coincover.com"\n}\n';
    assert.deepEqual(where(checkConfigText('prod.json', text)), [
      'prod.json:2 coincover.baseUrl service.uat-keys.coincover.com',
      'prod.json:4 services[0].url orchestrator.uat-control.coincover.com',
      'prod.json:5 services[1].url service.uat-keys.coincover.com',
    ]);
  });
  it('names the line of a syntax error, where Node reports a position and where it does not', () => {
    assertConfigError(
      () => checkConfigText('a.json', '{\n  "a": 1,\n}\n'),
      'a.json',
      3,
      'invalid JSON: expected a property name in double quotes',
    );
    assertConfigError(
      () => checkConfigText('a.json', '[\n  1,\n  2,,\n  3\n]'),
      'a.json',
      3,
      "invalid JSON: unexpected character ','",
    );
    assertConfigError(
      () => checkConfigText('a.json', '{\n  "a": "b"\n  "c": "d"\n}'),
      'a.json',
      3,
      "invalid JSON: expected ',' or '}'",
    );
    assertConfigError(
      () => checkConfigText('a.json', '{\n  "a": "line\nbreak"\n}'),
      'a.json',
      2,
      'invalid JSON: bad escape or control character in string',
    );
    assertConfigError(
      () => checkConfigText('a.json', '{\n  "a": [1, 2\n'),
      'a.json',
      3,
      'invalid JSON: unexpected end of input',
    );
    assertConfigError(
      () => checkConfigText('a.json', '{}\n{}\n'),
      'a.json',
      2,
      'invalid JSON: unexpected text after the JSON value',
    );
  });
  it('accepts exactly what JSON.parse accepts on a sample of edge cases', () => {
    for (const text of [
      '"x"',
      ' [ ] ',
      '{"a":-0.5e+3,"b":[true,false,null],"c":{}}',
      '\uFEFF{"a":1}',
      '01',
      '[1,]',
      "{'a':1}",
      '1.',
      '-',
      'tru',
      '"\\u00e9"',
      '"\\x"',
    ]) {
      let valid = true;
      try {
        JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        valid = false;
      }
      let accepted = true;
      try {
        checkConfigText('e.json', text);
      } catch {
        accepted = false;
      }
      assert.equal(accepted, valid, JSON.stringify(text));
    }
  });
});

describe('checkConfigText: YAML', () => {
  it('flags the sandbox JWKS URL and not the commented-out sandbox line', () => {
    const { findings, errors } = checkConfigFiles([fixture('production-sandbox.yaml')]);
    assert.deepEqual(errors, []);
    assert.deepEqual(where(findings), [
      `${fixture('production-sandbox.yaml')}:8 coincover.signatures.jwksUrl policies.uat-keys.coincover.com`,
    ]);
  });
  it('walks sequences, block scalars and every document of a stream', () => {
    const text =
      'services:\n  - name: a\n    url: "https://service.uat-keys.coincover.com"\nnotes: |\n  first line\n  see orchestrator.uat-control.coincover.com\n---\njwks: https://policies.keys.coincover.com/.well-known/jwks.json\nold: uat-keys.coincover.com\n';
    assert.deepEqual(where(checkConfigText('k8s.yml', text)), [
      'k8s.yml:3 services[0].url service.uat-keys.coincover.com',
      'k8s.yml:6 notes orchestrator.uat-control.coincover.com',
      'k8s.yml:9 old uat-keys.coincover.com',
    ]);
  });
  it('names the line of a syntax error', () => {
    assertConfigError(
      () => checkConfigText('prod.yaml', 'a: 1\nb:\n  c: [1, 2\nd: 3\n'),
      'prod.yaml',
      4,
      /invalid YAML: /,
    );
    assertConfigError(
      () => checkConfigText('prod.yaml', 'a: 1\n\tb: 2\n'),
      'prod.yaml',
      2,
      'invalid YAML: Tabs are not allowed as indentation',
    );
  });
});

describe('checkConfigFiles and formatFindings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an unsupported format instead of passing it', () => {
    assertConfigError(
      () => checkConfigText('prod.toml', 'url = "x"'),
      'prod.toml',
      0,
      UNSUPPORTED_FORMAT,
    );
    assertConfigError(
      () => checkConfigText('prod.env.example', 'A=1'),
      'prod.env.example',
      0,
      UNSUPPORTED_FORMAT,
    );
  });
  it('reports an unreadable file as an error with the OS reason, and goes on with the others', () => {
    const missing = join(dir, 'missing.env');
    const { findings, errors } = checkConfigFiles([
      missing,
      fixture('production-sandbox.env'),
      dir,
    ]);
    assert.equal(findings.length, 1);
    assert.deepEqual(
      errors.map((e) => e.message),
      [
        `${missing}:0: cannot read the file: ENOENT: no such file or directory`,
        `${dir}:0: cannot read the file: EISDIR: illegal operation on a directory`,
      ],
    );
  });
  it('formats findings and errors one per line, in the compiler style', () => {
    const broken = join(dir, 'broken.env');
    writeFileSync(broken, 'A=1\noops\n');
    const text = formatFindings(
      checkConfigFiles([
        fixture('production-sandbox.env'),
        fixture('production-sandbox.yaml'),
        broken,
      ]),
    );
    assert.equal(
      text,
      [
        `${fixture('production-sandbox.env')}:3: sandbox_url_in_production: ${findingMessage('COINCOVER_BASE_URL', 'service.uat-keys.coincover.com')}`,
        `${fixture('production-sandbox.yaml')}:8: sandbox_url_in_production: ${findingMessage('coincover.signatures.jwksUrl', 'policies.uat-keys.coincover.com')}`,
        `${broken}:2: error: expected KEY=VALUE`,
      ].join('\n'),
    );
    assert.equal(
      findingMessage('COINCOVER_BASE_URL', 'service.uat-keys.coincover.com'),
      'COINCOVER_BASE_URL points at the CoinCover sandbox host service.uat-keys.coincover.com; use the production host (service.keys.coincover.com / orchestrator.control.coincover.com / policies.keys.coincover.com)',
    );
    assert.equal(formatFindings({ findings: [], errors: [] }), '');
  });
});
