/**
 * Issuing a key: take a ready key pair, bind and sign it, store it, build the response. Shared by
 * every assign endpoint. Everything that can fail a request is checked before the key is taken,
 * and the duplicate check is repeated after the only await, so the store is written once or not at all.
 * Partner assignments for the same user and organisation run one at a time (AssignmentsInFlight),
 * so the check also covers the ones in flight.
 */
import { randomUUID } from 'node:crypto';
import type { EnclaveSigner } from '../crypto/enclaveSigner.ts';
import type { KeyPool } from '../crypto/keyPool.ts';
import { publicKeyHexOf } from '../crypto/keyTypes.ts';
import { generateSignerKey } from '../crypto/signerKeys.ts';
import { finding, type Finding } from '../diagnostics/findings.ts';
import type { Report } from '../diagnostics/report.ts';
import { apiError, fieldErrors, MESSAGES, validationFailed } from '../errors.ts';
import type { KeyRecord, PulledBy } from '../model.ts';
import type { AssignResponse } from '../schemas/assignKey.ts';
import type { SignWithField } from '../schemas/signWith.ts';
import type { Store } from '../store/store.ts';
import type { AssignmentsInFlight } from './assignmentsInFlight.ts';
import type { AssignRequest } from './assignRequest.ts';
import { signAssignment, type SignatureFault } from './signAssignment.ts';
import { signedPayload, unresolvableFields } from './signWith.ts';

/** The collaborators and rules of an assignment, handed in by the HTTP edge (or a test). */
export interface IssueDeps {
  store: Store;
  pool: Pick<KeyPool, 'take'>;
  signer: EnclaveSigner;
  assignments: AssignmentsInFlight;
  /** --strict-requests: a sign_with field without a value is refused rather than named. */
  strict: boolean;
  /** The signature fault armed for the next assignment, if any: taken only when a key is signed. */
  takeSignatureFault: () => SignatureFault | undefined;
}

function duplicateOf(deps: IssueDeps, request: AssignRequest): KeyRecord | undefined {
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
  deps: IssueDeps,
  request: AssignRequest,
  missing: readonly SignWithField[],
): Finding[] {
  if (missing.length === 0) return [];
  if (deps.strict) {
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

/** An assignment → its answer; the key it issued and what it found go to `report`. */
export async function issueKey(
  deps: IssueDeps,
  request: AssignRequest,
  pulledBy: PulledBy,
  report: Report,
): Promise<AssignResponse> {
  if (!request.uniquePerUser) return issueOne(deps, request, pulledBy, report);
  return deps.assignments.one(request.userIdentifier, request.customerId, () =>
    issueOne(deps, request, pulledBy, report),
  );
}

async function issueOne(
  deps: IssueDeps,
  request: AssignRequest,
  pulledBy: PulledBy,
  report: Report,
): Promise<AssignResponse> {
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
    apiError('duplicate_assignment', MESSAGES.KEY_ALREADY_ASSIGNED, [
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
  const signed = signAssignment(
    deps.signer,
    deps.takeSignatureFault(),
    record.publicKeyHex,
    payload,
  );
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
  report.keyId = record.keyId;
  report.findings.addAll(findings);
  return body;
}
