/**
 * POST /v1/partner/secure/file (operationId partnerStoreSecureFile, reference §3.3) and
 * POST /v1/secure/file (storeSecureFile, §4.4): one operation for both rows. The reference lists
 * no 413 or 415 on the standard path, but the CLI treats 10 MB as the ceiling of every secure-file
 * upload, so the mock answers them as the partner endpoint does.
 * validated text parts + the file part → check the file → load the key → diagnose → store → 200.
 */
import type { AppDeps } from '../deps.ts';
import { storageDeps } from '../http/domainDeps.ts';
import type { Call } from '../http/operation.ts';
import type { SecureFileBody } from '../schemas/secureFile.ts';
import { storeSecureFile } from '../storage/storeSecureFile.ts';

export function storeFile(deps: AppDeps) {
  const domain = storageDeps(deps);
  return async (call: Call<SecureFileBody>) =>
    storeSecureFile(domain, call.body, call.file, call.report);
}
