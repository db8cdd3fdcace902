import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import catalogue from '../fixtures/faults/catalogue.json' with { type: 'json' };
import { FAULT_CODES, FAULTS } from '../mock-server/diagnostics/findings.ts';

describe('fault catalogue', () => {
  it('has every field and a fix in every language for every code', () => {
    const languages = Object.keys(catalogue.languages).sort();
    for (const code of FAULT_CODES) {
      const entry = FAULTS[code];
      assert.match(code, /^[a-z0-9]+(_[a-z0-9]+)*$/);
      assert.ok(['error', 'warning'].includes(entry.severity), code);
      assert.ok(entry.title && entry.description && entry.effect && entry.cause, code);
      assert.deepEqual(Object.keys(entry.fix).sort(), languages, code);
      assert.equal(entry.detected_by === 'runner', entry.status === null, code);
    }
  });
});
