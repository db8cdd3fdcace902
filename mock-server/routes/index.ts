/**
 * The /v1 surface, one row per operation: the app mounts these, and the OpenAPI document and the
 * route tests read the same table.
 */
import type { Request, Response } from 'express';
import type { RequiredScope } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { assignPartnerKey } from './assignPartnerKey.ts';
import { storePartnerSecureData } from './storePartnerSecureData.ts';
import { storePartnerSecureFile } from './storePartnerSecureFile.ts';

export interface RouteSpec {
  method: 'get' | 'post';
  path: string;
  operationId: string;
  scope: RequiredScope;
  body: 'json' | 'multipart' | 'none';
  handler: (deps: AppDeps) => (req: Request, res: Response) => Promise<void>;
}

export const ROUTES: readonly RouteSpec[] = [
  { method: 'post', path: '/v1/partner/keys', operationId: 'partnerAssignKey', scope: 'partner', body: 'json', handler: assignPartnerKey },
  { method: 'post', path: '/v1/partner/secure/data', operationId: 'partnerStoreSecureData', scope: 'partner', body: 'json', handler: storePartnerSecureData },
  { method: 'post', path: '/v1/partner/secure/file', operationId: 'partnerStoreSecureFile', scope: 'partner', body: 'multipart', handler: storePartnerSecureFile },
];
