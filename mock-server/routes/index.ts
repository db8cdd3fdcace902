/**
 * The /v1 surface, one row per operation: the app mounts these, and the OpenAPI document
 * (openApiDocument.ts) and the route tests read the same table, so nothing is listed twice.
 * Each row names the zod schemas that validate its request and describe its 200 body, and the
 * error statuses it can answer.
 */
import type { z } from 'zod';
import type { RequiredScope } from '../http/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { diagnosePublicKey, publicKeyCandidates } from '../diagnostics/diagnosePublicKey.ts';
import type { Diagnose, OperationRow } from '../http/operation.ts';
import {
  AssignKeyRequest,
  AssignKeyResponse,
  PartnerAssignKeyRequest,
} from '../schemas/assignKey.ts';
import {
  PartnerSecureDataRequest,
  SecureDataRequest,
  SecureDataResponse,
} from '../schemas/secureData.ts';
import { SecureFileFields, SecureFileResponse } from '../schemas/secureFile.ts';
import {
  VerifyBackupParams,
  VerifyBackupResponse,
  VerifyKeyParams,
  VerifyKeyResponse,
} from '../schemas/verify.ts';
import { assignKey } from './assignKey.ts';
import { assignPartnerKey } from './assignPartnerKey.ts';
import { storeData } from './storeSecureData.ts';
import { storeFile } from './storeSecureFile.ts';
import { verifyBackup } from './verifyBackup.ts';
import { verifyKey } from './verifyKey.ts';

/** A row: its operation (path, body, the schemas the app validates with, the handler) and what the documents say of it. */
export interface RouteSpec extends OperationRow {
  method: 'get' | 'post';
  /** Express form: `:name` for a path parameter. */
  path: string;
  operationId: string;
  summary: string;
  tag: 'Partner Key Service' | 'Recovery for Institutions';
  scope: RequiredScope;
  response: { description: string; schema: z.ZodType };
  /** Every status besides 200 that the route can answer; each has an ErrorResponse body. */
  errors: readonly number[];
}

const PARTNER = 'Partner Key Service';
const STANDARD = 'Recovery for Institutions';
const assigned = { description: 'Key assigned', schema: AssignKeyResponse };
const storedData = { description: 'Data verified and stored', schema: SecureDataResponse };
const storedFile = { description: 'File stored', schema: SecureFileResponse };
const keyChecked = { description: 'Key checked', schema: VerifyKeyResponse };
const backupChecked = {
  description: 'Backup checked (a cold backup is reported as not checkable)',
  schema: VerifyBackupResponse,
};
/** A public_key that fails validation may still be an issued key in another form: it is named. */
const publicKeyDiagnosis = (deps: AppDeps): Diagnose => ({
  public_key: (value) =>
    diagnosePublicKey(value, publicKeyCandidates(value, deps.store), { failedValidation: true }),
});
const verifyKeyRow = {
  method: 'get',
  operationId: 'verifyKey',
  summary: 'Check that a key pair is intact',
  tag: STANDARD,
  scope: 'none',
  body: 'none',
  params: VerifyKeyParams,
  response: keyChecked,
  errors: [400, 401, 404, 500],
  handler: verifyKey,
} as const;
const verifyBackupRow = {
  method: 'get',
  operationId: 'verifyBackup',
  summary: 'Decrypt a backup and re-check its checksum',
  tag: STANDARD,
  scope: 'none',
  body: 'none',
  params: VerifyBackupParams,
  response: backupChecked,
  errors: [400, 401, 404, 500],
  handler: verifyBackup,
} as const;

export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'post',
    path: '/v1/partner/keys',
    operationId: 'partnerAssignKey',
    summary: 'Assign a key in a given environment',
    tag: PARTNER,
    scope: 'partner',
    body: 'json',
    request: PartnerAssignKeyRequest,
    response: assigned,
    errors: [400, 401, 403, 409, 413, 415, 500],
    handler: assignPartnerKey,
  },
  {
    method: 'post',
    path: '/v1/partner/secure/data',
    operationId: 'partnerStoreSecureData',
    summary: 'Store encrypted data, verified against its checksum',
    tag: PARTNER,
    scope: 'partner',
    body: 'json',
    request: PartnerSecureDataRequest,
    diagnose: publicKeyDiagnosis,
    response: storedData,
    errors: [400, 401, 403, 404, 413, 415, 500],
    handler: storeData,
  },
  {
    method: 'post',
    path: '/v1/partner/secure/file',
    operationId: 'partnerStoreSecureFile',
    summary: 'Store an encrypted file',
    tag: PARTNER,
    scope: 'partner',
    body: 'multipart',
    request: SecureFileFields,
    diagnose: publicKeyDiagnosis,
    response: storedFile,
    errors: [400, 401, 403, 404, 413, 415, 500],
    handler: storeFile,
  },
  {
    method: 'post',
    path: '/v1/keys',
    operationId: 'assignKey',
    summary: 'Assign a key (key_environment defaults to HOT)',
    tag: STANDARD,
    scope: 'none',
    body: 'json',
    request: AssignKeyRequest,
    response: assigned,
    errors: [400, 401, 413, 415, 500],
    handler: assignKey,
  },
  {
    method: 'post',
    path: '/v1/secure/data',
    operationId: 'storeSecureData',
    summary: 'Store encrypted data (checksum optional)',
    tag: STANDARD,
    scope: 'none',
    body: 'json',
    request: SecureDataRequest,
    diagnose: publicKeyDiagnosis,
    response: storedData,
    errors: [400, 401, 404, 413, 415, 500],
    handler: storeData,
  },
  {
    method: 'post',
    path: '/v1/secure/file',
    operationId: 'storeSecureFile',
    summary: 'Store an encrypted file',
    tag: STANDARD,
    scope: 'none',
    body: 'multipart',
    request: SecureFileFields,
    diagnose: publicKeyDiagnosis,
    response: storedFile,
    errors: [400, 401, 404, 413, 415, 500],
    handler: storeFile,
  },
  { ...verifyKeyRow, path: '/v1/keys/:keyId/verify' },
  { ...verifyBackupRow, path: '/v1/backups/:backupId/verify' },
  // The "Back up key material" guide calls these paths; the spec's own are above (reference §4.5). Same answers.
  { ...verifyKeyRow, path: '/v1/hot/keys/:keyId/verify', operationId: 'verifyKeyHotAlias' },
  {
    ...verifyBackupRow,
    path: '/v1/hot/backups/:backupId/verify',
    operationId: 'verifyBackupHotAlias',
  },
];

const pattern = (path: string) => new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`);
const PATTERNS = new Map(ROUTES.map((route) => [route, pattern(route.path)]));

/** The rows whose path matches a request path, whatever their method (for 405 and Allow). */
export function routesAt(path: string): RouteSpec[] {
  return ROUTES.filter((route) => PATTERNS.get(route)?.test(path));
}
