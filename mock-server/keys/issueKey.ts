/**
 * Issuing a key: take a ready key pair, bind and sign it, store it, build the response. Shared by
 * every assign endpoint. Everything that can fail a request is checked before the key is taken,
 * and the duplicate check is repeated after the only await, so the store is written once or not at all.
 * Partner assignments for the same user and organisation run one at a time (AssignmentsInFlight),
 * so the check also covers the ones in flight.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { publicKeyHexOf } from '../crypto/keyTypes.ts';
import { generateSignerKey } from '../crypto/signerKeys.ts';
import { finding, type Finding } from '../diagnostics/findings.ts';
import { conflict, fieldErrors, validationFailed } from '../errors.ts';
import type { KeyEnvironment, KeyRecord, KeyType } from '../model.ts';
import type { Principal } from '../auth/authenticate.ts';
import type { AssignKeyResponse } from './assignRequest.ts';
import { signedPayload, unresolvableFields, type SignWithField } from './signWith.ts';
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
  /** Partner assignments answer 409 for a second key per user and organisation (reference §3.1); standard ones do not (§4.1). */
  uniquePerUser: boolean;
}

/** The response body, typed by the schema the OpenAPI document is generated from. */
export type AssignResponse = z.output<typeof AssignKeyResponse>;

function duplicateOf(deps: AppDeps, request: AssignRequest): KeyRecord | undefined {
  return request.uniquePerUser
    ? deps.store.keyByAssignment(request.userIdentifier, request.customerId)
    : undefined;
}

/**
 * A sign_with field the request gives no value: the keys-service schemas are silent, so it is bound
 * as the empty string and named sign_with_unresolved; under --strict-requests it is the 400 the
 * integration guides describe, before any key is taken.
 */
function checkResolvable(
  deps: AppDeps,
  request: AssignRequest,
  missing: readonly SignWithField[],
): Finding[] {
  if (missing.length === 0) return [];
  if (deps.config.strictRequests) {
    const message = 'cannot be bound: the request does not give it a value';
    throw validationFailed(
      fieldErrors([['sign_with', missing.map((f) => `${f} ${message}`)]]),
      missing.map((f) =>
        finding(
          'sign_with_invalid',
          `sign_with lists ${f}, which resolves to no value for this request.`,
          { field: f },
        ),
      ),
    );
  }
  return missing.map((f) =>
    finding(
      'sign_with_unresolved',
      `sign_with lists ${f}, which resolves to no value for this request; it was bound as the empty string, so the signature proves nothing about it.`,
      { field: f },
    ),
  );
}

type Issued = { record: KeyRecord; body: AssignResponse; findings: Finding[] };

export async function issueKey(
  deps: AppDeps,
  request: AssignRequest,
  principal: Principal,
): Promise<Issued> {
  if (!request.uniquePerUser) return issueOne(deps, request, principal);
  return deps.assignments.one(request.userIdentifier, request.customerId, () =>
    issueOne(deps, request, principal),
  );
}

async function issueOne(
  deps: AppDeps,
  request: AssignRequest,
  principal: Principal,
): Promise<Issued> {
  const pulledBy = { id: principal.id, type: principal.type };
  const fields = request.signWith ?? [];
  const existingUserId = deps.store.userIdOf(request.userIdentifier, request.customerId);
  const missing = unresolvableFields(fields, {
    customerId: request.customerId,
    packageId: request.packageId,
    pulledBy,
    userId: existingUserId ?? 'new',
  });
  const findings = checkResolvable(deps, request, missing);
  const duplicate = (found: KeyRecord) =>
    conflict([
      finding(
        'duplicate_assignment',
        'This user already has a key in this organisation; store its key_id and reuse it.',
        { key_id: found.keyId },
      ),
    ]);
  const before = duplicateOf(deps, request);
  if (before) throw duplicate(before);

  // RSA-4096 pairs come from the pool (generation takes about a second); signer keys are generated at once.
  const privateKey =
    request.keyType === 'rsa4096'
      ? await deps.pool.take(request.keyEnvironment)
      : generateSignerKey(request.keyType);

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
    publicKeyHex: publicKeyHexOf(privateKey, request.keyType),
    privateKey,
    createdAt: new Date().toISOString(),
    pulledBy,
  };
  const payload =
    fields.length > 0
      ? signedPayload(fields, { ...record, pulledBy, publicKeyHex: record.publicKeyHex })
      : null;
  const signed = signAssignment(deps, record.publicKeyHex, payload);
  deps.store.insertKey(record);
  const body: AssignResponse = {
    key_id: record.keyId,
    public_key: signed.publicKeyHex,
    signature: signed.signature,
    ...(payload === null
      ? {}
      : { signed_payload: signed.signedPayload ?? payload, signed_fields: [...fields] }),
    customer_id: record.customerId,
    package_id: record.packageId,
    metadata: { customer_name: record.customerName, package_name: record.packageName },
  };
  return { record, body, findings };
}
