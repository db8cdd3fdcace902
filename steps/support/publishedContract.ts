/**
 * The published contract of the keys service, restated in this project's own words from the facts
 * in docs/coincover-api.md (§3, §4, §6, §7): for each operation, the types, nullability, formats
 * and enums its 200 body may have, and the ErrorResponse every other answer has. It is written
 * independently of the mock's own schemas, so that it can catch them drifting from the document.
 *
 * The documents set no `additionalProperties: false` and, for most responses, no `required` list:
 * a field may be absent, but a field that is there must have the published type. The one rule
 * that is this project's own: an error body is exactly `{error: string, message: string}`, which
 * is what a client generated from the document can parse.
 */
import { z } from 'zod';

const uuid = z.uuid();
const nullableText = z.string().nullable();

/** PartnerAssignKeyResponse and the standard assignKey response (§3.1, §4.1): no required list. */
const AssignedKey = z.looseObject({
  key_id: uuid.optional(),
  public_key: z
    .string()
    .regex(/^[0-9a-fA-F]+$/)
    .optional(),
  signature: z.base64().optional(),
  signed_payload: z.string().optional(),
  signed_fields: z.array(z.string()).optional(),
  customer_id: nullableText.optional(),
  package_id: nullableText.optional(),
  metadata: z
    .looseObject({ customer_name: nullableText.optional(), package_name: nullableText.optional() })
    .optional(),
});

/** SecureDataResponse (§3.2, §4.3): checksum is a string, not nullable. */
const StoredData = z.looseObject({
  backup_id: uuid.optional(),
  checksum: z.string().optional(),
  data_size: z.int().optional(),
  backup_type: z.enum(['data']).optional(),
  metadata: z.looseObject({}).optional(),
});

/** SecureFileResponse (§3.3, §4.4). */
const StoredFile = z.looseObject({
  backup_id: uuid.optional(),
  backup_type: z.enum(['file']).optional(),
  metadata: z.looseObject({}).optional(),
});

/** VerifyKeyResponse and VerifyBackupResponse (§4.2, §4.5). */
const KeyChecked = z.looseObject({
  message: z.string().optional(),
  is_key_valid: z.boolean().optional(),
});
const BackupChecked = z.looseObject({
  is_backup_valid: z.boolean().optional(),
  message: z.string().optional(),
});

/** ErrorResponse (§7), held to exactly its two string fields. */
export const PublishedError = z.strictObject({ error: z.string(), message: z.string() });

const OPERATIONS: ReadonlyArray<{
  method: string;
  path: RegExp;
  operation: string;
  ok: z.ZodType;
}> = [
  { method: 'POST', path: /^\/v1\/partner\/keys$/, operation: 'partnerAssignKey', ok: AssignedKey },
  {
    method: 'POST',
    path: /^\/v1\/partner\/secure\/data$/,
    operation: 'partnerStoreSecureData',
    ok: StoredData,
  },
  {
    method: 'POST',
    path: /^\/v1\/partner\/secure\/file$/,
    operation: 'partnerStoreSecureFile',
    ok: StoredFile,
  },
  { method: 'POST', path: /^\/v1\/keys$/, operation: 'assignKey', ok: AssignedKey },
  { method: 'POST', path: /^\/v1\/secure\/data$/, operation: 'storeSecureData', ok: StoredData },
  { method: 'POST', path: /^\/v1\/secure\/file$/, operation: 'storeSecureFile', ok: StoredFile },
  {
    method: 'GET',
    path: /^\/v1\/(hot\/)?keys\/[^/]+\/verify$/,
    operation: 'verifyKey',
    ok: KeyChecked,
  },
  {
    method: 'GET',
    path: /^\/v1\/(hot\/)?backups\/[^/]+\/verify$/,
    operation: 'verifyBackup',
    ok: BackupChecked,
  },
];

/** How one answer departs from the published contract; undefined when it does not. Only /v1 answers are judged. */
export function contractDeparture(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string | undefined {
  const bare = path.split('?')[0] ?? path;
  if (!bare.startsWith('/v1/') || status === 0) return undefined;
  const operation = OPERATIONS.find((o) => o.method === method && o.path.test(bare));
  const schema = status === 200 && operation ? operation.ok : PublishedError;
  const name =
    status === 200 && operation ? `${operation.operation} 200` : `ErrorResponse (${status})`;
  if (status === 200 && !operation)
    return `${method} ${bare} answered 200 but is no published operation`;
  const result = schema.safeParse(body);
  return result.success
    ? undefined
    : `${method} ${bare} ${status}: the body departs from ${name}: ${z.prettifyError(result.error)}`;
}
