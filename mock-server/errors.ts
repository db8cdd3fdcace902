/**
 * The /v1 error surface: the real service's `ErrorResponse` shape `{error, message}` (reference §7),
 * from one set of named constructors whose message templates are constants the tests reuse.
 * `message` is always a string, as the published document types it; a validation error names each
 * field and its problem in it ("checksum: must be 64 hex characters…"), and keeps the same detail
 * keyed by field, which `--validation-errors object` answers instead and the journal records.
 */
import { clip, FindingList, type Finding } from './diagnostics/findings.ts';

export const MESSAGES = Object.freeze({
  /** Published verbatim on the wallet-provider testing page (reference §3.1, §10). */
  KEY_ALREADY_ASSIGNED: 'Key already assigned for this user and organisation',
  /** Published in the 413 description of the secure/file endpoint (reference §3.3). */
  PAYLOAD_TOO_LARGE: 'Payload too large (over 10MB)',
  /** A JSON body over the mock's own bound, which is not the file endpoint's 10 MB. */
  JSON_TOO_LARGE: 'Payload too large (over 16MiB)',
  AUTH_MISSING: 'Missing bearer token',
  AUTH_INVALID: 'Invalid bearer token',
  AUTH_EXPIRED: 'Token has expired',
  SCOPE_MISSING: 'Token lacks partner-endpoint scope',
  MALFORMED_JSON: 'Request body is not valid JSON',
  UNAVAILABLE: 'Service temporarily unavailable',
  MALFORMED_MULTIPART: 'Request body is not valid multipart/form-data',
  UNSUPPORTED_CONTENT_TYPE: (expected: string) => `Content-Type must be ${expected}`,
  FILE_CONTENT_TYPE: 'The file part must have Content-Type application/octet-stream',
  KEY_NOT_FOUND: 'Key not found',
  BACKUP_NOT_FOUND: 'Backup not found',
  ROUTE_NOT_FOUND: (method: string, path: string) => `Cannot ${method} ${path}`,
  VERIFICATION_FAILED: 'Verification failed',
  KEY_NOT_FOR_STORAGE:
    'The key named by public_key is a signing key and cannot be used to store data',
  INTERNAL: 'Internal server error',
});

/** Validation problems keyed by field, in a map without a prototype (a field may be called `constructor`). */
export type FieldErrors = Record<string, string[]>;

/** At most this many fields are named in a validation message, each problem cut to FIELD_PROBLEM_CHARS. */
export const MESSAGE_FIELDS = 10;
const FIELD_PROBLEM_CHARS = 200;

/** "checksum: must be 64 hex characters…; padding_type: must be OAEP", bounded whatever the request held. */
export function fieldsMessage(fields: FieldErrors, unlisted = 0): string {
  const names = Object.keys(fields);
  const parts = names
    .slice(0, MESSAGE_FIELDS)
    .map(
      (name) =>
        `${clip(name, 64)}: ${(fields[name] ?? []).map((p) => clip(p, FIELD_PROBLEM_CHARS)).join(', ')}`,
    );
  const more = Math.max(0, names.length - MESSAGE_FIELDS) + unlisted;
  return `${parts.join('; ')}${more > 0 ? `; and ${more} more field${more === 1 ? '' : 's'}` : ''}`;
}

export type ErrorBodyFormat = 'string' | 'object';

export class ApiError extends Error {
  readonly findings: FindingList;

  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    findings: Iterable<Finding> = [],
    /** For a validation error: the same problems keyed by field. */
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'ApiError';
    this.findings = findings instanceof FindingList ? findings : new FindingList(findings);
  }

  /** The body; `object` gives a validation error's fields as `message` (--validation-errors object). */
  body(format: ErrorBodyFormat = 'string'): { error: string; message: string | FieldErrors } {
    return {
      error: this.error,
      message: format === 'object' && this.fields ? this.fields : this.message,
    };
  }
}

export const badRequest = (message: string, findings: Iterable<Finding> = []) =>
  new ApiError(400, 'Bad Request', message, findings);
/** `unlisted`: how many more fields had problems than `fields` holds (it is bounded). */
export const validationFailed = (
  fields: FieldErrors,
  findings: Iterable<Finding> = [],
  unlisted = 0,
) => new ApiError(400, 'Bad Request', fieldsMessage(fields, unlisted), findings, fields);
export const unauthorized = (message: string, findings: Iterable<Finding>) =>
  new ApiError(401, 'Unauthorized', message, findings);
export const forbidden = (findings: Iterable<Finding>) =>
  new ApiError(403, 'Forbidden', MESSAGES.SCOPE_MISSING, findings);
export const notFound = (message: string, findings: Iterable<Finding> = []) =>
  new ApiError(404, 'Not Found', message, findings);
export const conflict = (findings: Iterable<Finding>) =>
  new ApiError(409, 'Conflict', MESSAGES.KEY_ALREADY_ASSIGNED, findings);
export const payloadTooLarge = (
  findings: Iterable<Finding>,
  message: string = MESSAGES.PAYLOAD_TOO_LARGE,
) => new ApiError(413, 'Payload Too Large', message, findings);
export const unsupportedMediaType = (message: string, findings: Iterable<Finding>) =>
  new ApiError(415, 'Unsupported Media Type', message, findings);
export const methodNotAllowed = (message: string, findings: Iterable<Finding>) =>
  new ApiError(405, 'Method Not Allowed', message, findings);
export const internalError = () => new ApiError(500, 'Internal Server Error', MESSAGES.INTERNAL);
/** Not in the spec; what a CDN in front of the service answers during a brief outage (the unavailable_before_store switch). */
export const serviceUnavailable = () =>
  new ApiError(503, 'Service Unavailable', MESSAGES.UNAVAILABLE);

/** One field's problems, as a prototype-less FieldErrors. */
export function fieldErrors(entries: Iterable<[string, string[]]> = []): FieldErrors {
  const fields = Object.create(null) as FieldErrors;
  for (const [name, problems] of entries) fields[name] = problems;
  return fields;
}
