/**
 * Backups made with one named mistake: the reference client with exactly one of its hooks
 * replaced, as the broken clients of fixtures/clients/broken/ are, so each mistake is the only
 * difference from a correct backup.
 */
import { pathToFileURL } from 'node:url';
import type { Variation } from '../../fixtures/clients/reference/variation.ts';
import { runnableFile } from '../../mock-server/packagePaths.ts';
import { mistakenBody, PARTNER_DATA, sendBackup } from '../support/backups.ts';
import { defineParameter, defineStep } from '../support/defineStep.ts';
import { newSeedPhrase } from '../support/secrets.ts';

/** The mistake, in words, and the broken client that makes it (fixtures/clients/broken/<name>.ts). */
export const MISTAKES: Readonly<Record<string, string>> = {
  'encrypted with MGF1 SHA-1': 'oaep_mgf1_mismatch',
  'encrypted with OAEP SHA-1': 'oaep_hash_mismatch',
  'encrypted with an OAEP label': 'oaep_label',
  'encrypted with PKCS#1 v1.5 padding': 'pkcs1_v15_padding',
  'encrypted with no padding': 'no_padding',
  'not encrypted at all': 'not_encrypted',
  'with the ciphertext one byte short': 'ciphertext_length',
  'with the data in hex': 'data_encoding',
  'with the data in base64url': 'data_encoding--base64url',
  'with the checksum over the ciphertext': 'checksum_over_ciphertext',
  'with the checksum over the encoded plaintext': 'checksum_over_encoded_plaintext',
  'with the checksum of other data': 'checksum_mismatch',
  'with an upper-case checksum': 'checksum_format--upper-case',
  'with padding_type PKCS1': 'padding_type_unsupported',
  'naming the public key with its last byte dropped': 'public_key_off_by_one',
  'naming the public key as PKCS#1 hex': 'public_key_format',
};

defineParameter({
  name: 'mistake',
  values: Object.keys(MISTAKES),
  description:
    'one integration mistake, each the one difference from the reference backup (the fault the mock names is in docs/faults)',
});

async function variationOf(mistake: string): Promise<Variation> {
  const name = MISTAKES[mistake] as string;
  const file = runnableFile(`fixtures/clients/broken/${name}.ts`);
  return ((await import(pathToFileURL(file).href)) as { variation: Variation }).variation;
}

defineStep(
  {
    domain: 'encryption',
    keyword: 'When',
    text: 'a seed phrase is backed up under {key} {mistake}',
    parameters: { key: 'the key', mistake: 'the one mistake made' },
    example: 'When a seed phrase is backed up under the key encrypted with MGF1 SHA-1',
    description:
      'The partner backup of a fresh test phrase, made with one named mistake and otherwise as the reference client makes it.',
  },
  async function (alias: string, mistake: string) {
    const plaintext = Buffer.from(newSeedPhrase(), 'utf8');
    const body = mistakenBody(this, plaintext, await variationOf(mistake), alias);
    await sendBackup(this, PARTNER_DATA, plaintext, body, alias);
  },
);
