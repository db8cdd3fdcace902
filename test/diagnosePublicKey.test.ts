import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { singleEdit } from '../mock-server/diagnostics/diagnosePublicKey.ts';

const issued = '30820222300d06092a864886f70d0101010500aabbccdd';

describe('singleEdit', () => {
  it('finds a dropped last byte', () => {
    assert.deepEqual(singleEdit(issued.slice(0, -2), issued), {
      edit: 'dropped',
      unit: 'byte',
      hexOffset: issued.length - 2,
    });
  });
  it('finds a dropped leading byte', () => {
    assert.deepEqual(singleEdit(issued.slice(2), issued), {
      edit: 'dropped',
      unit: 'byte',
      hexOffset: 0,
    });
  });
  it('finds an added byte in the middle', () => {
    assert.deepEqual(singleEdit(`${issued.slice(0, 10)}ff${issued.slice(10)}`, issued), {
      edit: 'added',
      unit: 'byte',
      hexOffset: 10,
    });
  });
  it('finds a changed nibble and a changed byte', () => {
    assert.deepEqual(singleEdit(`${issued.slice(0, 6)}f${issued.slice(7)}`, issued), {
      edit: 'changed',
      unit: 'nibble',
      hexOffset: 6,
    });
    assert.deepEqual(singleEdit(`${issued.slice(0, 6)}ff${issued.slice(8)}`, issued), {
      edit: 'changed',
      unit: 'byte',
      hexOffset: 6,
    });
  });
  it('finds a dropped nibble', () => {
    assert.deepEqual(singleEdit(issued.slice(0, -1), issued), {
      edit: 'dropped',
      unit: 'nibble',
      hexOffset: issued.length - 1,
    });
  });
  it('says nothing of an identical key or of two edits', () => {
    assert.equal(singleEdit(issued, issued), null);
    assert.equal(singleEdit(`ff${issued.slice(2, -2)}`, issued), null);
  });
});
