/** The seed files the package ships: the pre-generated RSA-4096 pool, the vector key, the seeded backups. */
import { fromPackageRoot } from '../packagePaths.ts';

const fixtures = (...files: string[]) => files.map((file) => fromPackageRoot('fixtures', file));

/** 96 pre-generated RSA-4096 key pairs (test keys): a default `serve` hands these out first. */
export const TEST_POOL_SEED = fromPackageRoot('fixtures', 'keys', 'pool-rsa4096.test.json');

/** The RSA-4096 pool and the independent-client vector key: every test mock starts with these. */
export const TEST_SEEDS = [TEST_POOL_SEED, ...fixtures('seeds/vector-key.test.json')];

/** The mock the features run against also holds the seeded backups (and signer keys) under the vector key. */
export const FEATURE_SEEDS = [...TEST_SEEDS, ...fixtures('seeds/backups.test.json')];
