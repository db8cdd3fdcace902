/** The seed files test mocks start with. */
import { fileURLToPath } from 'node:url';

const fixtures = (...files: string[]) => files.map((file) => fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url)));

/** The RSA-4096 pool and the independent-client vector key: every test mock starts with these. */
export const TEST_SEEDS = fixtures('keys/pool-rsa4096.test.json', 'seeds/vector-key.test.json');

/** The mock the features run against also holds the seeded backups (and signer keys) under the vector key. */
export const FEATURE_SEEDS = [...TEST_SEEDS, ...fixtures('seeds/backups.test.json')];
