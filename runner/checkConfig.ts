/**
 * A lint for the configuration files of a production profile: every string value that names a
 * CoinCover sandbox (UAT) host is a finding, with the file, line and key. A production build
 * that still talks to the sandbox stores real seed phrases under test keys, so CI stops on it.
 * Formats: .env (KEY=VALUE), JSON and YAML; anything else is an error rather than a silent pass.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

/** Hostnames (lower case, no trailing dot) of the sandbox: the bare domains and any subdomain. */
export const SANDBOX_HOSTS: readonly RegExp[] = [
  /^(?:[a-z0-9-]+\.)*uat-keys\.coincover\.com$/,
  /^(?:[a-z0-9-]+\.)*uat-control\.coincover\.com$/,
];
export const PRODUCTION_HOSTS = [
  'service.keys.coincover.com',
  'orchestrator.control.coincover.com',
  'policies.keys.coincover.com',
] as const;
export const UNSUPPORTED_FORMAT = 'unsupported config format (use .env, .json, .yaml or .yml)';
export const findingMessage = (key: string, host: string): string =>
  `${key} points at the CoinCover sandbox host ${host}; use the production host (${PRODUCTION_HOSTS.join(' / ')})`;

export interface ConfigFinding {
  file: string;
  line: number;
  key: string;
  value: string;
  host: string;
  code: 'sandbox_url_in_production';
}

export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ConfigFileError';
  }
}

/** Accepts a bare hostname, host:port or a URL with any scheme, in any case. */
export function isSandboxHost(host: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `http://${host}`).hostname;
  } catch {
    return false;
  }
  // A trailing dot (an absolute FQDN) reaches the same host, so it must not hide one.
  hostname = hostname.replace(/\.$/, '');
  return SANDBOX_HOSTS.some((pattern) => pattern.test(hostname));
}

// Host-like tokens anywhere in a value: URLs, host:port, JVM flags, comma-separated lists.
const HOST_TOKEN = /[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/gi;

/** The distinct sandbox hosts named in a value, in order. */
const sandboxHostsIn = (value: string): string[] =>
  [...new Set(Array.from(value.matchAll(HOST_TOKEN), (match) => match[0].toLowerCase()))].filter(
    isSandboxHost,
  );

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** One located string value: `offset` is where the value's text starts in the file. */
interface Located {
  key: string;
  value: string;
  offset: number;
}

export function checkConfigText(file: string, text: string): ConfigFinding[] {
  const source = text.replace(/^\uFEFF/, ''); // editors on Windows add a BOM; no parser wants it
  const name = basename(file).toLowerCase();
  let values: Located[];
  if (name === '.env' || name.endsWith('.env') || name.startsWith('.env.'))
    values = envValues(file, source);
  else if (name.endsWith('.json')) values = jsonValues(file, source);
  else if (name.endsWith('.yaml') || name.endsWith('.yml')) values = yamlValues(file, source);
  else throw new ConfigFileError(file, 0, UNSUPPORTED_FORMAT);
  return values.flatMap(({ key, value, offset }) =>
    sandboxHostsIn(value).map((host) => {
      // The host's own line, so a multi-line YAML block scalar points at the right one.
      const search = new RegExp(host.replaceAll('.', '\\.'), 'gi');
      search.lastIndex = offset;
      const at = search.exec(source)?.index ?? offset;
      return {
        file,
        line: lineAt(source, at),
        key,
        value,
        host,
        code: 'sandbox_url_in_production' as const,
      };
    }),
  );
}

const ENV_LINE = /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/;
// A quoted value runs to its closing quote (\" escapes in double quotes); only a comment may follow.
const DOUBLE_QUOTED = /^"((?:\\.|[^"\\])*)"\s*(?:#.*)?$/;
const SINGLE_QUOTED = /^'([^']*)'\s*(?:#.*)?$/;

function envValues(file: string, text: string): Located[] {
  const values: Located[] = [];
  let offset = 0;
  text.split('\n').forEach((raw, index) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const match = ENV_LINE.exec(line);
    const rest = match?.[2] ?? '';
    const quote = rest[0] === '"' ? DOUBLE_QUOTED : rest[0] === "'" ? SINGLE_QUOTED : null;
    const quoted = quote?.exec(rest);
    if (!match || (quote && !quoted))
      throw new ConfigFileError(file, index + 1, 'expected KEY=VALUE');
    // Unquoted, " #" starts a comment but a bare "#" (a URL fragment) does not.
    const value = quoted ? (quoted[1] ?? '') : rest.replace(/(?:^|\s+)#.*$/, '').trim();
    values.push({ key: match[1] ?? '', value, offset: lineStart });
  });
  return values;
}

/**
 * A strict JSON reader that keeps where each string starts. JSON.parse gives no offsets for
 * values, and in Node 20 only some of its syntax errors carry "at position N".
 */
function jsonValues(file: string, text: string): Located[] {
  const values: Located[] = [];
  let i = 0;
  const fail = (what: string, at = i): never => {
    throw new ConfigFileError(file, lineAt(text, at), `invalid JSON: ${what}`);
  };
  const space = () => {
    while (' \t\n\r'.includes(text[i] ?? '.')) i++;
  };
  const string = (): string => {
    const start = i;
    const match = /"(?:\\.|[^"\\])*"/y;
    match.lastIndex = i;
    if (!match.exec(text)) fail('unterminated string');
    i = match.lastIndex;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('bad escape or control character in string', start);
    }
  };
  const expect = (char: string) => {
    space();
    if (text[i] !== char) fail(i < text.length ? `expected '${char}'` : 'unexpected end of input');
    i++;
  };
  const value = (path: string): void => {
    space();
    const char = text[i];
    if (char === '"') {
      const start = i;
      values.push({ key: path || '(root)', value: string(), offset: start });
      return;
    }
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        if (char === '{') {
          space();
          if (text[i] !== '"') fail('expected a property name in double quotes');
          const key = string();
          expect(':');
          value(path ? `${path}.${key}` : key);
        } else value(`${path}[${n}]`);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail(i < text.length ? `expected ',' or '${close}'` : 'unexpected end of input');
      }
    }
    const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = i;
    if (!literal.exec(text))
      fail(i < text.length ? `unexpected character '${char}'` : 'unexpected end of input');
    i = literal.lastIndex;
  };
  value('');
  space();
  if (i < text.length) fail('unexpected text after the JSON value');
  return values;
}

function yamlValues(file: string, text: string): Located[] {
  const lineCounter = new LineCounter();
  // Several documents (---) are common in Kubernetes manifests; duplicate keys are walked, not refused.
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
  });
  const values: Located[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error)
      throw new ConfigFileError(
        file,
        lineCounter.linePos(error.pos[0]).line,
        `invalid YAML: ${error.message}`,
      );
    const walk = (node: unknown, path: string): void => {
      if (isScalar(node) && typeof node.value === 'string')
        values.push({ key: path || '(root)', value: node.value, offset: node.range?.[0] ?? 0 });
      else if (isSeq(node)) node.items.forEach((item, n) => walk(item, `${path}[${n}]`));
      else if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key)
            ? String(pair.key.value)
            : String((pair.key as Node | null)?.toString() ?? '');
          walk(pair.value, path ? `${path}.${key}` : key);
        }
      }
    };
    walk(document.contents, '');
  }
  return values;
}

export function checkConfigFiles(files: string[]): {
  findings: ConfigFinding[];
  errors: ConfigFileError[];
} {
  const findings: ConfigFinding[] = [];
  const errors: ConfigFileError[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // "ENOENT: no such file or directory, open 'x'" without the syscall and the repeated path.
      errors.push(
        new ConfigFileError(
          file,
          0,
          `cannot read the file: ${(error as Error).message.split(',')[0]}`,
        ),
      );
      continue;
    }
    try {
      findings.push(...checkConfigText(file, text));
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      errors.push(error);
    }
  }
  return { findings, errors };
}

export function formatFindings(result: {
  findings: readonly ConfigFinding[];
  errors: readonly ConfigFileError[];
}): string {
  return [
    ...result.findings.map(
      (f) => `${f.file}:${f.line}: ${f.code}: ${findingMessage(f.key, f.host)}`,
    ),
    ...result.errors.map((e) => `${e.file}:${e.line}: error: ${e.reason}`),
  ].join('\n');
}
