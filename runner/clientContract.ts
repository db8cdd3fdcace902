/** The client contract's environment (docs/client-contract.md), one place for every caller. */

export interface ContractCustomer {
  userIdentifier: string;
  customerId: string;
  customerName: string;
  packageId: string;
  packageName: string;
}

export function contractVariables(
  baseUrl: string,
  apiKey: string,
  customer: ContractCustomer,
  environment: string,
): Record<string, string> {
  return {
    COINCOVER_BASE_URL: baseUrl,
    COINCOVER_API_KEY: apiKey,
    COINCOVER_JWKS_URL: `${baseUrl}/.well-known/jwks.json`,
    COINCOVER_USER_IDENTIFIER: customer.userIdentifier,
    COINCOVER_CUSTOMER_ID: customer.customerId,
    COINCOVER_CUSTOMER_NAME: customer.customerName,
    COINCOVER_PACKAGE_ID: customer.packageId,
    COINCOVER_PACKAGE_NAME: customer.packageName,
    COINCOVER_KEY_ENVIRONMENT: environment,
  };
}
