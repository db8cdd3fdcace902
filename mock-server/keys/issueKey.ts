/**
 * Issuing a key: take a ready key pair, bind and sign it, store it, build the response. Shared by
 * every assign endpoint. Everything that can fail a request is checked before the key is taken,
 * and the duplicate check is repeated after the only await, so the store is written once or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import { spkiHex } from '../crypto/rsaKeys.ts';
import { finding } from '../diagnostics/findings.ts';
import { badRequest, conflict, validationFailed } from '../errors.ts';
import type { KeyEnvironment, KeyRecord, KeyType } from '../store/records.ts';
import type { Principal } from '../auth/authenticate.ts';
import { signedPayload, unresolvableFields, type SignWithField } from './signWith.ts';
import { MESSAGES } from '../errors.ts';
import { signAssignment } from './signAssignment.ts';

export interface AssignRequest {
  userIdentifier: string;
  keyType: KeyType;
  keyEnvironment: KeyEnvironment;
  customerId: string | null;
  customerName: string | null;
  packageId: string | null;
  packageName: string | null;
  signWith: readonly SignWithField[] | undefined;
  /** Partner assignments answer 409 for a second key per user and organisation (reference §3.1). */
  uniquePerUser: boolean;
}

export interface AssignResponse {
  key_id: string;
  public_key: string;
  signature: string;
  signed_payload?: string;
  signed_fields?: string[];
  customer_id: string | null;
  package_id: string | null;
  metadata: { customer_name: string | null; package_name: string | null };
}

function duplicateOf(deps: AppDeps, request: AssignRequest): KeyRecord | undefined {
  return request.uniquePerUser ? deps.store.keyByAssignment(request.userIdentifier, request.customerId) : undefined;
}

export async function issueKey(deps: AppDeps, request: AssignRequest, principal: Principal): Promise<{ record: KeyRecord; body: AssignResponse }> {
  if (request.keyType !== 'rsa4096') {
    throw badRequest(MESSAGES.KEY_TYPE_UNSUPPORTED(request.keyType), [
      finding('key_type_unsupported', `The mock does not generate ${request.keyType} keys yet; only rsa4096.`, { key_type: request.keyType }),
    ]);
  }
  const pulledBy = { id: principal.id, type: principal.type };
  const fields = request.signWith ?? [];
  const existingUserId = deps.store.userIdOf(request.userIdentifier, request.customerId);
  const missing = unresolvableFields(fields, { customerId: request.customerId, packageId: request.packageId, pulledBy, userId: existingUserId ?? 'new' });
  if (missing.length > 0) {
    const message = 'cannot be bound: the request does not give it a value';
    throw validationFailed(
      { sign_with: missing.map((f) => `${f} ${message}`) },
      missing.map((f) => finding('sign_with_invalid', `sign_with lists ${f}, which resolves to no value for this request.`, { field: f })),
    );
  }
  const duplicate = (found: KeyRecord) =>
    conflict([finding('duplicate_assignment', 'This user already has a key in this organisation; store its key_id and reuse it.', { key_id: found.keyId })]);
  const before = duplicateOf(deps, request);
  if (before) throw duplicate(before);

  const privateKey = await deps.pool.take(request.keyEnvironment);

  const after = duplicateOf(deps, request);
  if (after) throw duplicate(after);
  const record: KeyRecord = {
    keyId: randomUUID(),
    keyType: request.keyType,
    keyEnvironment: request.keyEnvironment,
    userIdentifier: request.userIdentifier,
    userId: deps.store.userIdOf(request.userIdentifier, request.customerId) ?? randomUUID(),
    customerId: request.customerId,
    customerName: request.customerName,
    packageId: request.packageId,
    packageName: request.packageName,
    publicKeyHex: spkiHex(privateKey),
    privateKey,
    createdAt: new Date().toISOString(),
    pulledBy,
  };
  const payload = fields.length > 0 ? signedPayload(fields, { ...record, pulledBy, publicKeyHex: record.publicKeyHex }) : null;
  const signed = signAssignment(deps, record.publicKeyHex, payload);
  deps.store.insertKey(record);
  const body: AssignResponse = {
    key_id: record.keyId,
    public_key: signed.publicKeyHex,
    signature: signed.signature,
    ...(payload === null ? {} : { signed_payload: signed.signedPayload ?? payload, signed_fields: [...fields] }),
    customer_id: record.customerId,
    package_id: record.packageId,
    metadata: { customer_name: record.customerName, package_name: record.packageName },
  };
  return { record, body };
}
