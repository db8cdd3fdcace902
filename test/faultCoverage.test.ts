/**
 * Every fault in the catalogue is produced by something a scenario runs: a broken client or a
 * vector for what the server detects, a broken client or a runner self-test for what the runner
 * detects. And every broken client and vector is run by a scenario.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import {
  BROKEN_CLIENT_CODES,
  BROKEN_CLIENT_NAMES,
  brokenClientsOnDisk,
} from '../fixtures/clients/broken/index.ts';
import { FAULT_CODES, FAULTS, type FaultCode } from '../mock-server/diagnostics/findings.ts';
import { INDEPENDENT_VECTORS, REQUEST_VECTORS } from '../steps/support/vectors.ts';

/** Codes whose producer cannot exist yet, each with its reason. Keep this list empty when possible. */
const PENDING: Partial<Record<FaultCode, string>> = {
  body_too_large:
    'a vector needs a JSON body over 16 MiB, which the vector format cannot generate yet; test/catalogueStatuses.test.ts provokes it',
};

const featuresDir = new URL('../features/', import.meta.url);

/** Every Examples row of every Scenario Outline and every row of a step's data table, as { column: value } maps, by feature file. */
function examplesRows(): Array<{ file: string; row: Record<string, string> }> {
  const parser = new Parser(new AstBuilder(IdGenerator.uuid()), new GherkinClassicTokenMatcher());
  const files = readdirSync(featuresDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.feature'),
  );
  return files.flatMap((file) => {
    const document = parser.parse(readFileSync(new URL(file, featuresDir), 'utf8'));
    const scenarios = (document.feature?.children ?? []).flatMap((child) =>
      child.scenario
        ? [child.scenario]
        : (child.rule?.children.flatMap((c) => (c.scenario ? [c.scenario] : [])) ?? []),
    );
    return scenarios.flatMap((scenario) => [
      ...scenario.examples.flatMap((examples) => {
        const header = examples.tableHeader?.cells.map((cell) => cell.value) ?? [];
        return examples.tableBody.map((body) => ({
          file,
          row: Object.fromEntries(body.cells.map((cell, i) => [header[i] ?? '', cell.value])),
        }));
      }),
      ...scenario.steps.flatMap((step) => {
        const [head, ...body] = step.dataTable?.rows ?? [];
        const header = head?.cells.map((cell) => cell.value) ?? [];
        return body.map((row) => ({
          file,
          row: Object.fromEntries(row.cells.map((cell, i) => [header[i] ?? '', cell.value])),
        }));
      }),
    ]);
  });
}

const rows = examplesRows();
const forensicsRows = rows.filter((r) => r.file === 'fault-forensics.feature');

describe('fault coverage', () => {
  it('every fault the server detects has a broken client or a vector', () => {
    const produced = new Set<string>([
      ...BROKEN_CLIENT_CODES,
      ...INDEPENDENT_VECTORS.map((v) => v.expected),
      ...REQUEST_VECTORS.flatMap((v) => v.expected.fault_codes),
    ]);
    const missing = FAULT_CODES.filter(
      (code) => FAULTS[code].detected_by === 'server' && !produced.has(code) && !PENDING[code],
    );
    assert.deepEqual(
      missing,
      [],
      `fault codes with no producing client or vector: ${missing.join(', ')}`,
    );
  });

  it('no pending code already has a producer', () => {
    const produced = new Set<string>([
      ...BROKEN_CLIENT_CODES,
      ...REQUEST_VECTORS.flatMap((v) => v.expected.fault_codes),
    ]);
    assert.deepEqual(
      Object.keys(PENDING).filter((code) => produced.has(code)),
      [],
    );
  });

  it('every vector is run by a scenario', () => {
    const independent = new Set(
      forensicsRows.filter((r) => r.row.client !== undefined).map((r) => Number(r.row.id)),
    );
    const request = new Set(
      forensicsRows
        .filter((r) => r.row['what is wrong'] !== undefined)
        .map((r) => Number(r.row.id)),
    );
    assert.deepEqual(
      INDEPENDENT_VECTORS.map((v) => v.id).filter((id) => !independent.has(id)),
      [],
    );
    assert.deepEqual(
      REQUEST_VECTORS.map((v) => v.id).filter((id) => !request.has(id)),
      [],
    );
  });

  it('every fault the runner detects is produced by a runner self-test', () => {
    const selfTests = readFileSync(new URL('conformance-runner.feature', featuresDir), 'utf8');
    const named = new Set(
      rows.filter((r) => r.file === 'conformance-runner.feature').map((r) => r.row.fault),
    );
    const missing = FAULT_CODES.filter(
      (code) =>
        FAULTS[code].detected_by === 'runner' &&
        !named.has(code) &&
        !selfTests.includes(`"${code}"`),
    );
    assert.deepEqual(missing, []);
  });

  it('every broken client is run by a scenario, and exists on disk', () => {
    const run = new Set(rows.flatMap((r) => [r.row.fault, r.row.client]).filter(Boolean));
    assert.deepEqual(
      BROKEN_CLIENT_NAMES.filter((name) => !run.has(name)),
      [],
    );
    assert.deepEqual(brokenClientsOnDisk(), { missingFiles: [], unlistedFiles: [] });
  });
});
