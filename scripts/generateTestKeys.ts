/**
 * Regenerates the TEST key fixtures: the enclave signing key (P-256), the JWT test issuer key (P-256)
 * and a pool of pre-generated RSA-4096 key pairs that the mock hands out before it generates its own.
 * These keys are public by design; never use them for anything real.
 *
 *   npx tsx scripts/generateTestKeys.ts [--pool N]
 */
import { generateKeyPair, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';

const generate = promisify(generateKeyPair);
const { values } = parseArgs({ options: { pool: { type: 'string', default: '96' } } });
const poolSize = Number(values.pool);

function p256Pem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

writeFileSync('fixtures/keys/enclave-signing-uat.test.pem', p256Pem());
writeFileSync('fixtures/keys/enclave-signing-prod.test.pem', p256Pem());
writeFileSync('fixtures/keys/jwt-issuer.test.pem', p256Pem());

const pool = await Promise.all(
  Array.from({ length: poolSize }, async () => {
    const { privateKey } = await generate('rsa', { modulusLength: 4096, publicExponent: 0x10001 });
    return {
      key_type: 'rsa4096',
      private_key_pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  }),
);
writeFileSync(
  'fixtures/keys/pool-rsa4096.test.json',
  JSON.stringify(
    {
      format: 'coincover-mock-seed/1',
      about:
        'TEST ONLY: pre-generated RSA-4096 key pairs for the mock key pool. Public by design; never use for anything real. Regenerate with scripts/generateTestKeys.ts.',
      pool,
    },
    null,
    1,
  ) + '\n',
);
console.log(`wrote ${poolSize} RSA-4096 pool keys and 3 P-256 keys`);
