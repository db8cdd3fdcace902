#!/usr/bin/env bash
# The package as its users meet it: `npm pack`, then the tarball installed into two fresh
# projects, and from each the README's commands: the CLI's help, `serve` (ready, assign, health,
# stopped by a signal to the npx process), `run` with the packaged shell client (passes) and a
# packaged broken client (fails with its code), `check-config`, the Node API from `node --test`,
# `--data-dir`, and QA's own feature file (written from docs/steps.md) with `test`, `steps`,
# `--dry-run` and, in the ESM project, plain cucumber-js with the `coincover-mock/steps` export.
# Then the example QA project (examples/qa) with the tarball installed runs `npx coincover-mock test`.
#   ESM project (`"type": "module"`): a full install; `--data-dir` works.
#   CommonJS project (npm's default): `npm install --ignore-scripts`, so the optional native
#     better-sqlite3 is not built; everything else works, and `--data-dir` stops with one line.
# It removes everything it made. Needs bash, curl, openssl and npm.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/coincover-package-test.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'package test FAILED: %s\n' "$*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); printf '  ok  %s\n' "$*"; }

step "npm pack"
(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" >/dev/null)
TARBALL=$(ls "$WORK"/coincover-mock-*.tgz)
listing=$(tar -tzf "$TARBALL")
if grep -E '^package/(test|bench|scripts|\.ci|examples|steps)/|\.test\.ts$|generate[A-Z]' <<<"$listing"; then fail "the tarball holds test, bench, CI or generator files"; fi
grep -q '^package/LICENSE$' <<<"$listing" || fail "no LICENSE in the tarball"
grep -q '^package/dist/mock-server/api/index.d.ts$' <<<"$listing" || fail "no type declarations in the tarball"
grep -q '^package/dist/steps/library/index.js$' <<<"$listing" && grep -q '^package/dist/steps/library/index.d.ts$' <<<"$listing" || fail "no compiled step library in the tarball"
if grep -E '^package/dist/(test|steps/project|scripts|bench)/' <<<"$listing"; then fail "the tarball holds compiled tests or project-only steps"; fi
ok "tarball $(du -k "$TARBALL" | cut -f1) kB, $(wc -l <<<"$listing") files, no test/bench/CI/generator file"

# A QA engineer's first scenario, written from docs/steps.md alone.
QA_FEATURE='Feature: Alice backs up her seed phrase
  Scenario: A COLD key, a verified signature and a stored backup
    Given "alice@acme.io" of organisation "org-123" holds a COLD rsa4096 key
    Then the signature verifies against the published JWKS
    When a seed phrase is backed up under the key
    Then the response status is 200
'

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_health() {
  for _ in $(seq 1 100); do
    curl -sf "$1/_mock/health" >/dev/null && return 0
    sleep 0.1
  done
  return 1
}

project() {
  local kind=$1 install_flags=$2 dir="$WORK/$1-project"
  step "$kind project ($install_flags)"
  mkdir -p "$dir" && cd "$dir"
  npm init -y >/dev/null
  [[ $kind == esm ]] && npm pkg set type=module
  # shellcheck disable=SC2086
  npm install --save-dev $install_flags "$TARBALL" --no-audit --no-fund --loglevel=error >/dev/null
  ok "npm install --save-dev $install_flags coincover-mock-*.tgz"

  npx coincover-mock --help >/dev/null || fail "--help"
  for command in serve run check-config; do npx coincover-mock "$command" --help >/dev/null || fail "$command --help"; done
  ok "--help and each command's --help exit 0"
  set +e
  npx coincover-mock frobnicate 2>/dev/null; [[ $? == 2 ]] || fail "an unknown command is not exit 2"
  npx coincover-mock serve --port abc 2>"$dir/err"; [[ $? == 2 ]] || fail "--port abc is not exit 2"
  set -e
  grep -qx 'coincover-mock serve: --port must be an integer from 0 to 65535 (see coincover-mock serve --help)' "$dir/err" || fail "--port abc: $(cat "$dir/err")"
  ok "usage errors: one line, exit 2"

  # serve, as the README's quick start: ready, an assignment, health; then SIGTERM to npx's PID.
  local port base
  port=$(free_port)
  base=http://127.0.0.1:$port
  npx coincover-mock serve --port "$port" >"$dir/serve.log" 2>&1 &
  local serve_pid=$!
  PIDS+=("$serve_pid")
  wait_health "$base" || fail "serve never became healthy: $(cat "$dir/serve.log")"
  grep -q "coincover-mock ready at $base" "$dir/serve.log" || fail "no ready line"
  local started status
  started=$(date +%s%N)
  status=$(curl -s -o "$dir/key.json" -w '%{http_code}' "$base/v1/partner/keys" -H 'Authorization: Bearer test-partner-key' \
    -H 'Content-Type: application/json' \
    -d '{"user_identifier":"alice@acme.io","key_type":"rsa4096","key_environment":"COLD","organisation":{"customer_id":"org-123","customer_name":"Acme Corp"},"package":{"package_id":"pkg-456","package_name":"Main Workspace"}}')
  [[ $status == 200 ]] || fail "assignment answered $status"
  ok "serve: ready, first COLD assignment 200 in $(( ($(date +%s%N) - started) / 1000000 )) ms, health"
  set +e
  npx coincover-mock serve --port "$port" 2>"$dir/err"; [[ $? == 3 ]] || fail "a port in use is not exit 3"
  set -e
  grep -q "port $port on 127.0.0.1 is in use" "$dir/err" || fail "port in use: $(cat "$dir/err")"
  ok "a second serve on the same port: exit 3, the port named"
  kill -TERM "$serve_pid"
  wait "$serve_pid" || true
  # npm may forward the signal, or only end itself: the server then sees its wrapper gone (it
  # looks every 500 ms) and stops. Either way it is gone within a few seconds, even on a busy machine.
  local gone=no
  for _ in $(seq 1 50); do
    curl -s "$base/_mock/health" >/dev/null || { gone=yes; break; }
    sleep 0.1
  done
  [[ $gone == yes ]] || fail "the server outlived SIGTERM to the npx process by 5 s"
  ok "SIGTERM to the npx process stops the server"

  # The CI recipe: check-config, then the gate with the packaged shell client.
  mkdir -p config
  printf 'COINCOVER_BASE_URL=https://service.keys.coincover.com\n' >config/production.env
  npx coincover-mock check-config config/production.env >/dev/null || fail "check-config on a clean file"
  printf 'COINCOVER_BASE_URL=https://service.uat-keys.coincover.com\n' >config/sandbox.env
  set +e
  npx coincover-mock check-config config/sandbox.env >/dev/null; [[ $? == 1 ]] || fail "check-config missed a sandbox host"
  set -e
  ok "check-config: 0 on a clean file, 1 on a sandbox host"
  npx coincover-mock run --client "bash node_modules/coincover-mock/fixtures/clients/shell/client.sh" --config config/production.env --reports reports/coincover >"$dir/run.log" 2>&1 ||
    fail "the gate failed the packaged shell client: $(tail -20 "$dir/run.log")"
  [[ -s reports/coincover/conformance.md && -s reports/coincover/conformance.html && -d reports/coincover/journal && -s reports/coincover/cucumber-junit.xml ]] || fail "no reports"
  ok "run --client (packaged shell client): the gate passes, reports written"
  set +e
  npx coincover-mock run --client "node node_modules/coincover-mock/dist/fixtures/clients/broken/oaep_mgf1_mismatch.js" --tags @req-backup-hot --reports reports/broken >"$dir/broken.log" 2>&1
  local code=$?
  set -e
  [[ $code == 1 ]] || fail "a broken client: exit $code, not 1: $(tail -20 "$dir/broken.log")"
  grep -q oaep_mgf1_mismatch "$dir/broken.log" || fail "the broken client's code is not named"
  ok "run --client (packaged broken client): exit 1 naming oaep_mgf1_mismatch"
  set +e
  npx coincover-mock run --client true --tags @no-such-requirement 2>"$dir/err"; [[ $? == 2 ]] || fail "--tags matching nothing is not exit 2"
  set -e
  grep -q '@req-backup-hot' "$dir/err" || fail "--tags matching nothing does not list the tags"
  ok "run --tags matching nothing: exit 2, the known tags listed"

  # The Node API from node --test: the README's example, as ESM, and the same as CommonJS.
  cp "$ROOT/examples/node-test/coincover.test.mjs" .
  sed -E "s/^import (.*) from '(.*)';$/const \1 = require('\2');/" coincover.test.mjs >coincover.test.cjs
  node --test coincover.test.mjs coincover.test.cjs >"$dir/node-test.log" 2>&1 || fail "node --test with startMock: $(tail -30 "$dir/node-test.log")"
  ok "node --test: startMock from import (in-process) and require (child process): assign, encrypt, store, journal"
  # The same handle under the test runners users have: Vitest (ES modules) and Jest (CommonJS).
  local runner header
  if [[ $kind == esm ]]; then
    runner=vitest
    header=$'import { expect, test } from \'vitest\';\nimport { startMock } from \'coincover-mock\';'
    npm install --save-dev vitest@3 --no-audit --no-fund --loglevel=error >/dev/null
  else
    runner=jest
    header="const { startMock } = require('coincover-mock');"
    npm install --save-dev jest@30 --no-audit --no-fund --loglevel=error >/dev/null
  fi
  {
    printf '%s\n' "$header"
    cat <<RUNNER
test('startMock under $runner', async () => {
  const mock = await startMock();
  try {
    expect((await fetch(mock.jwksUrl)).status).toBe(200);
    expect(await mock.journal()).toEqual(expect.any(Array));
  } finally {
    await mock.close();
  }
});
RUNNER
  } >"coincover.$runner.test.js"
  if [[ $runner == vitest ]]; then
    npx vitest run coincover.vitest.test.js >"$dir/$runner.log" 2>&1 || fail "Vitest: $(tail -30 "$dir/$runner.log")"
  else
    npx jest coincover.jest.test.js >"$dir/$runner.log" 2>&1 || fail "Jest: $(tail -30 "$dir/$runner.log")"
  fi
  ok "$runner: startMock, no loader"
  node -e "require('coincover-mock').startMock({ port: 'abc' }).then(() => process.exit(1), (e) => { console.log(e.message); process.exit(0) })" >"$dir/err"
  grep -q 'option port must be an integer from 0 to 65535' "$dir/err" || fail "startMock with a bad option: $(cat "$dir/err")"
  ok "startMock with a bad option rejects naming it"

  # QA's own Gherkin with the step library: the run and the temp folder it leaves as it found it.
  mkdir -p features wrong "$dir/tmp"
  printf '%s' "$QA_FEATURE" >features/backup.feature
  TMPDIR="$dir/tmp" npx coincover-mock test >"$dir/qa.log" 2>&1 || fail "coincover-mock test: $(tail -30 "$dir/qa.log")"
  grep -q '1 scenario (1 passed)' "$dir/qa.log" || fail "coincover-mock test: $(tail -30 "$dir/qa.log")"
  [[ -s reports/cucumber.html && -s reports/cucumber-junit.xml ]] || fail "coincover-mock test wrote no reports"
  [[ -z $(ls -A "$dir/tmp") ]] || fail "coincover-mock test left in the temp folder: $(ls -A "$dir/tmp")"
  ok "npx coincover-mock test: a feature file written from docs/steps.md passes; the temp folder is as it was"
  sed 's/the response status is 200/the response status is 201/' features/backup.feature >wrong/backup.feature
  set +e
  TMPDIR="$dir/tmp" npx coincover-mock test wrong --reports reports/wrong >"$dir/wrong.log" 2>&1
  code=$?
  set -e
  [[ $code == 1 ]] || fail "a wrong expectation: exit $code, not 1: $(tail -30 "$dir/wrong.log")"
  grep -q '✖ Then the response status is 201' "$dir/wrong.log" && grep -q 'the mock answered 200, not 201' "$dir/wrong.log" ||
    fail "a wrong expectation: no readable message: $(tail -30 "$dir/wrong.log")"
  [[ -z $(ls -A "$dir/tmp") ]] || fail "a failed coincover-mock test left in the temp folder: $(ls -A "$dir/tmp")"
  ok "npx coincover-mock test: a wrong expectation fails, exit 1, naming the step and the status expected"
  printf '%s    And the mock frobnicates the key\n' "$QA_FEATURE" >wrong/backup.feature
  set +e
  npx coincover-mock test wrong --dry-run --reports reports/dry >"$dir/dry.log" 2>&1
  code=$?
  set -e
  [[ $code == 1 ]] || fail "--dry-run with an undefined step: exit $code, not 1: $(tail -30 "$dir/dry.log")"
  grep -q 'Undefined step: And the mock frobnicates the key (wrong/backup.feature:7)' "$dir/dry.log" && grep -q 'nearest library steps:' "$dir/dry.log" ||
    fail "--dry-run: no undefined step with its nearest library steps: $(tail -30 "$dir/dry.log")"
  npx coincover-mock test --dry-run --reports reports/dry >"$dir/dry.log" 2>&1 || fail "--dry-run: $(tail -30 "$dir/dry.log")"
  ok "npx coincover-mock test --dry-run: no mock; an undefined step gets the nearest library steps"
  npx coincover-mock steps >"$dir/steps.txt" || fail "coincover-mock steps"
  grep -q 'of organisation {string} holds a(n) {environment} {keyType} key' "$dir/steps.txt" || fail "coincover-mock steps does not list the library"
  npx coincover-mock steps --markdown | grep -q '^# ' || fail "coincover-mock steps --markdown"
  ok "npx coincover-mock steps lists the library (text and Markdown)"
  if [[ $kind == esm ]]; then
    # Plain cucumber-js: one support file importing the export; cucumber-js loads features/**/*.mjs.
    mkdir -p features/support
    printf "import 'coincover-mock/steps';\n" >features/support/coincover.mjs
    npx cucumber-js >"$dir/cucumber.log" 2>&1 || fail "plain cucumber-js with coincover-mock/steps: $(tail -30 "$dir/cucumber.log")"
    grep -q '1 scenario (1 passed)' "$dir/cucumber.log" || fail "plain cucumber-js: $(tail -30 "$dir/cucumber.log")"
    rm -r features/support
    ok "npx cucumber-js with features/support/coincover.mjs importing coincover-mock/steps"
  fi

  # --data-dir needs the optional better-sqlite3.
  set +e
  npx coincover-mock serve --port 0 --data-dir "$dir/data" >"$dir/data.log" 2>&1 &
  local data_pid=$!
  PIDS+=("$data_pid")
  set -e
  if [[ $install_flags == *--ignore-scripts* ]]; then
    set +e; wait "$data_pid"; code=$?; set -e
    [[ $code == 2 ]] || fail "--data-dir without better-sqlite3: exit $code"
    [[ $(wc -l <"$dir/data.log") == 1 ]] && grep -q 'needs the optional dependency better-sqlite3' "$dir/data.log" || fail "--data-dir without better-sqlite3: $(cat "$dir/data.log")"
    [[ ! -e $dir/data ]] || fail "--data-dir without better-sqlite3 created the directory"
    ok "--data-dir without better-sqlite3: one line, exit 2, nothing created"
  else
    for _ in $(seq 1 100); do grep -q 'ready at' "$dir/data.log" && break; sleep 0.1; done
    grep -q "data dir $dir/data" "$dir/data.log" || fail "--data-dir: $(cat "$dir/data.log")"
    kill -TERM "$data_pid"; wait "$data_pid" || true
    ok "--data-dir: serves from SQLite"
  fi
  cd "$WORK"
}

project esm ""
project cjs "--ignore-scripts"

# The example QA project, as .ci/run runs it: a copy of examples/qa with the tarball installed.
step "examples/qa with the tarball"
cp -r "$ROOT/examples/qa" "$WORK/qa-example"
cd "$WORK/qa-example"
rm -rf node_modules reports
npm pkg set "devDependencies.coincover-mock=file:$TARBALL"
npm install --no-audit --no-fund --loglevel=error >/dev/null
mkdir -p "$WORK/qa-example-tmp"
TMPDIR="$WORK/qa-example-tmp" npx coincover-mock test --client "node node_modules/coincover-mock/dist/fixtures/clients/reference/cli.js" --reports reports/qa >"$WORK/qa-example.log" 2>&1 || fail "examples/qa: $(tail -40 "$WORK/qa-example.log")"
[[ -z $(ls -A "$WORK/qa-example-tmp") ]] || fail "examples/qa left in the temp folder: $(ls -A "$WORK/qa-example-tmp")"
ok "examples/qa: npx coincover-mock test passes ($(grep -Eo '^[0-9]+ scenarios? \([^)]*\)' "$WORK/qa-example.log"))"
cd "$WORK"
printf '\npackage test: %d passed, 0 failed\n' "$passed"
