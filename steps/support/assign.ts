/** Assigning keys on the partner endpoint (POST /v1/partner/keys) and the standard one (POST /v1/keys). */
import type { CoinCoverWorld, Environment, KeyType } from './world.ts';

export const PARTNER_KEYS = '/v1/partner/keys';
export const STANDARD_KEYS = '/v1/keys';

/** How the key steps document their two parameters, and what a partner assignment step does. */
export const KEY_PARAMS = { environment: 'HOT or COLD', keyType: 'rsa4096, secp256k1 or ed25519' };
export const PARTNER_ASSIGNMENT =
  "On the partner endpoint (POST /v1/partner/keys), for the scenario's user, organisation and package.";

export const fieldList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The partner body for the scenario's customer; `extra` replaces or adds fields. */
export function partnerAssignBody(
  world: CoinCoverWorld,
  environment: Environment,
  keyType: KeyType,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const c = world.customer;
  return {
    user_identifier: c.userIdentifier,
    key_type: keyType,
    key_environment: environment,
    organisation: { customer_id: c.customerId, customer_name: c.customerName },
    package: { package_id: c.packageId, package_name: c.packageName },
    ...extra,
  };
}

/** Assigns on the partner endpoint; a 200 is remembered as `alias` (and "the <type> key"). */
export async function assignPartnerKey(
  world: CoinCoverWorld,
  environment: Environment,
  keyType: KeyType,
  alias = 'the key',
  extra: Record<string, unknown> = {},
): Promise<void> {
  const response = await world.send('POST', PARTNER_KEYS, {
    json: partnerAssignBody(world, environment, keyType, extra),
  });
  if (response.status === 200) world.rememberIssuedKey(alias, response.body, environment, keyType);
}

/** Assigns on the standard endpoint (environment null: none named, the service defaults to HOT). */
export async function assignStandardKey(
  world: CoinCoverWorld,
  environment: Environment | null,
  keyType: KeyType,
  alias = 'the key',
  extra: Record<string, unknown> = {},
): Promise<void> {
  const body = {
    user_identifier: world.customer.userIdentifier,
    key_type: keyType,
    ...(environment === null ? {} : { key_environment: environment }),
    ...extra,
  };
  const response = await world.send('POST', STANDARD_KEYS, { json: body });
  if (response.status === 200)
    world.rememberIssuedKey(alias, response.body, environment ?? 'HOT', keyType);
}
