/**
 * POST /v1/partner/secure/data (operationId partnerStoreSecureData, reference §3.2) and
 * POST /v1/secure/data (storeSecureData, §4.3): the same operation; the rows differ only in their
 * request schema (the standard one makes checksum optional). Without a checksum the data must
 * still decrypt under the key; with one it is verified exactly as on the partner endpoint.
 * validated body → load the key → decode → decrypt → check → store → 200.
 */
import type { AppDeps } from '../deps.ts';
import { storageDeps } from '../http/domainDeps.ts';
import type { Call } from '../http/operation.ts';
import type { SecureDataBody } from '../schemas/secureData.ts';
import { storeSecureData } from '../storage/storeSecureData.ts';

export function storeData(deps: AppDeps) {
  const domain = storageDeps(deps);
  return (call: Call<SecureDataBody>) => storeSecureData(domain, call.body, call.report);
}
