/** The client contract's environment for one scenario's customer (docs/client-contract.md). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractVariables } from '../../runner/clientContract.ts';
import { tempDir } from './ownMocks.ts';
import type { CoinCoverWorld } from './world.ts';

/** A wallet export as a client would back it up: readable JSON, which the client must encrypt. */
const WALLET_FILE = JSON.stringify(
  {
    wallet: 'treasury',
    accounts: [{ path: "m/44'/0'/0'", label: 'main' }],
    note: 'encrypted before upload',
  },
  null,
  2,
);

/** The variables, and the plaintext and wallet files in a directory removed after the scenario. */
export function contractEnv(
  world: CoinCoverWorld,
  environment: string,
  plaintext: string,
): Record<string, string> {
  const dir = tempDir(world, 'client-run');
  writeFileSync(join(dir, 'seed.txt'), plaintext);
  writeFileSync(join(dir, 'wallet.json'), WALLET_FILE);
  return {
    ...contractVariables(world.baseUrl, world.token ?? '', world.customer, environment),
    COINCOVER_PLAINTEXT_FILE: join(dir, 'seed.txt'),
    COINCOVER_BACKUP_FILE: join(dir, 'wallet.json'),
  };
}
