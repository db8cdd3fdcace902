import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeData } from '../mock-server/diagnostics/decodeData.ts';

const ciphertext = randomBytes(512);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function faultOf(data: string, checksum: string | null = null) {
  const decoded = decodeData(data, checksum, 512);
  if (decoded.ok) return 'ok';
  return `${decoded.findings[0]?.code}:${String(decoded.findings[0]?.details?.encoding ?? decoded.findings[0]?.details?.length ?? '')}`;
}

describe('decodeData', () => {
  it('accepts standard padded base64 of 512 bytes', () => {
    const decoded = decodeData(ciphertext.toString('base64'), null, 512);
    assert.ok(decoded.ok && decoded.ciphertext.equals(ciphertext));
  });
  it('names hex, base64url, wrapped lines, missing padding and double base64', () => {
    assert.equal(faultOf(ciphertext.toString('hex')), 'data_encoding:hex');
    const url = ciphertext.toString('base64url');
    if (/[-_]/.test(url)) assert.equal(faultOf(url), 'data_encoding:base64url');
    assert.equal(
      faultOf(ciphertext.toString('base64').replace(/(.{76})/g, '$1\n')),
      'data_encoding:base64 with embedded whitespace or line breaks',
    );
    assert.equal(
      faultOf(ciphertext.toString('base64').replace(/=+$/, '')),
      'data_encoding:base64 without its = padding',
    );
    assert.equal(
      faultOf(Buffer.from(ciphertext.toString('base64')).toString('base64')),
      'data_encoding:base64 of base64',
    );
    assert.equal(faultOf('%%%not base64%%%'), 'data_encoding:not base64 at all');
  });
  it('names the plaintext sent as data, by checksum or by readability', () => {
    const plaintext = Buffer.from('legal winner thank year wave sausage worth useful');
    assert.equal(
      faultOf(plaintext.toString('base64'), sha(plaintext)),
      `not_encrypted:${plaintext.length}`,
    );
    assert.equal(
      faultOf(Buffer.from('{"key":"value"}').toString('base64'), sha('')),
      'not_encrypted:15',
    );
  });
  it('names a ciphertext of the wrong length', () => {
    assert.equal(faultOf(ciphertext.subarray(1).toString('base64')), 'ciphertext_length:511');
    assert.equal(faultOf(randomBytes(256).toString('base64')), 'ciphertext_length:256');
  });
  it('lets a 512-byte blob whose SHA-256 is the checksum go on to decryption', () => {
    assert.equal(faultOf(ciphertext.toString('base64'), sha(ciphertext)), 'ok');
  });
});
