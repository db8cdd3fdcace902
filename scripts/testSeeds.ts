/** The seed files every test mock starts with: the RSA-4096 pool and the independent-client vector key. */
import { fileURLToPath } from 'node:url';

export const TEST_SEEDS = ['keys/pool-rsa4096.test.json', 'seeds/vector-key.test.json'].map((file) =>
  fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url)),
);
