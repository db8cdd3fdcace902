/**
 * The /v1 error surface: the real service's `ErrorResponse` shape `{error, message}` (reference §7).
 * An error is raised by the fault code that decides it and a message constant: its status comes
 * from that fault's catalogue entry (fixtures/faults/catalogue.json), its `error` is the status's
 * reason phrase. Only the mock's own failures (the 500, and the 503 of a fault switch) are not
 * client faults and have no catalogue entry.
 * `message` is always a string, as the published document types it; a validation error names each
 * field and its problem in it ("checksum: must be 64 hex characters…"), and keeps the same detail
 * keyed by field, which `--validation-errors object` answers instead and the journal records.
 */
import { STATUS_CODES } from 'node:http';
import { clip, FAULTS, FindingList, type FaultCode, type Finding } from './diagnostics/findings.ts';

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
  METHOD_NOT_ALLOWED: (method: string, path: string) => `${method} is not allowed on ${path}`,
  /** A body-parser refusal of the Content-Encoding or charset; its own text stays in the journal. */
  UNSUPPORTED_ENCODING: "The body's Content-Encoding or charset is not supported",
  VERIFICATION_FAILED: 'Verification failed',
  KEY_NOT_FOR_STORAGE:
    'The key named by public_key is a signing key and cannot be used to store data',
  /** A request Express or a parser could not read (a path that does not decode, for one). */
  UNREADABLE: 'The request could not be read',
  INTERNAL: 'Internal server error',
});

/** The field problem of a multipart body over a limit, by multer's error code; multer's own text stays in the journal. */
export const MULTIPART_LIMITS: Readonly<Record<string, string>> = Object.freeze({
  LIMIT_PART_COUNT: 'has too many parts (at most 12)',
  LIMIT_FILE_COUNT: 'is a second file part: send one, named "file"',
  LIMIT_UNEXPECTED_FILE: 'is not an expected file part: send one, named "file"',
  LIMIT_FIELD_KEY: 'has a part name that is too long',
  LIMIT_FIELD_VALUE: 'is over the 64 KiB a text part may hold',
  LIMIT_FIELD_COUNT: 'has too many text parts (at most 8)',
  MISSING_FIELD_NAME: 'has a part without a name',
});
export const MULTIPART_LIMIT_OTHER = 'is over the multipart limits';

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

/** The status a fault code answers with: its catalogue entry's, when that is an error status. */
export function statusOf(code: FaultCode): number {
  const status = FAULTS[code].status;
  if (status === null || status < 400)
    throw new Error(`fault ${code} does not decide an error answer (catalogue status ${status})`);
  return status;
}

export interface ApiErrorOptions {
  /** For a validation error: the same problems keyed by field. */
  fields?: FieldErrors;
  /** Data that did not verify: --opaque-errors answers every such error with the same bytes. */
  verification?: boolean;
}

export class ApiError extends Error {
  readonly findings: FindingList;
  readonly fields?: FieldErrors;
  readonly verification: boolean;
  /** The reason phrase of the status. */
  readonly error: string;

  constructor(
    /** The fault that decides the answer; null for the mock's own failures (500, 503). */
    readonly code: FaultCode | null,
    readonly status: number,
    message: string,
    findings: Iterable<Finding> = [],
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.error = STATUS_CODES[status] ?? 'Error';
    this.findings = findings instanceof FindingList ? findings : new FindingList(findings);
    if (options.fields) this.fields = options.fields;
    this.verification = options.verification ?? false;
  }

  /** The body; `object` gives a validation error's fields as `message` (--validation-errors object). */
  body(format: ErrorBodyFormat = 'string'): { error: string; message: string | FieldErrors } {
    return {
      error: this.error,
      message: format === 'object' && this.fields ? this.fields : this.message,
    };
  }
}

/** The error a fault decides: its catalogue status, a message constant, the findings that explain it. */
export const apiError = (
  code: FaultCode,
  message: string,
  findings: Iterable<Finding> = [],
  options: ApiErrorOptions = {},
) => new ApiError(code, statusOf(code), message, findings, options);

/** A validation error: request_invalid (or a field's own code), its message naming each field. `unlisted`: how many more fields had problems than `fields` holds (it is bounded). */
export const validationFailed = (
  fields: FieldErrors,
  findings: Iterable<Finding> = [],
  unlisted = 0,
) => apiError('request_invalid', fieldsMessage(fields, unlisted), findings, { fields });

/**
 * Data that does not verify: decided by the first error the diagnosis found, its message the
 * diagnosis. The HTTP edge answers it with VERIFICATION_FAILED under --opaque-errors.
 */
export function verificationFailed(findings: readonly Finding[]): ApiError {
  const deciding = findings.find((f) => (FAULTS[f.code].status ?? 0) >= 400);
  return apiError(
    deciding?.code ?? 'undecryptable',
    findings.map((f) => f.message).join(' '),
    findings,
    { verification: true },
  );
}

/** The mock's own failure: the documented 500 (every operation lists it). */
export const internalError = () => new ApiError(null, 500, MESSAGES.INTERNAL);
/** Not in the spec; what a CDN in front of the service answers during a brief outage (the unavailable_before_store switch). */
export const serviceUnavailable = () => new ApiError(null, 503, MESSAGES.UNAVAILABLE);

/** One field's problems, as a prototype-less FieldErrors. */
export function fieldErrors(entries: Iterable<[string, string[]]> = []): FieldErrors {
  const fields = Object.create(null) as FieldErrors;
  for (const [name, problems] of entries) fields[name] = problems;
  return fields;
}
