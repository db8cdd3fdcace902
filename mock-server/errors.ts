/**
 * The /v1 error surface: the real service's `ErrorResponse` shape `{error, message}` (reference §7),
 * from one set of named constructors whose message templates are constants the tests reuse.
 * Validation errors carry a field-keyed `message` object (reference §10, "field-keyed validation
 * error on checksum"); every other error carries a string.
 */
import { type Finding } from './diagnostics/findings.ts';

export const MESSAGES = Object.freeze({
  /** Published verbatim on the wallet-provider testing page (reference §3.1, §10). */
  KEY_ALREADY_ASSIGNED: 'Key already assigned for this user and organisation',
  /** Published in the 413 description of the secure/file endpoint (reference §3.3). */
  PAYLOAD_TOO_LARGE: 'Payload too large (over 10MB)',
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
  KEY_NOT_FOR_STORAGE: 'The key named by public_key is a signing key and cannot be used to store data',
  INTERNAL: 'Internal server error',
});

export type ErrorMessage = string | Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: ErrorMessage,
    readonly findings: readonly Finding[] = [],
  ) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
    this.name = 'ApiError';
  }

  body(): { error: string; message: ErrorMessage } {
    return { error: this.error, message: this.detail };
  }
}

export const badRequest = (message: ErrorMessage, findings: readonly Finding[] = []) =>
  new ApiError(400, 'Bad Request', message, findings);
export const validationFailed = (fields: Record<string, string[]>, findings: readonly Finding[] = []) =>
  new ApiError(400, 'Bad Request', fields, findings);
export const unauthorized = (message: string, findings: readonly Finding[]) =>
  new ApiError(401, 'Unauthorized', message, findings);
export const forbidden = (findings: readonly Finding[]) => new ApiError(403, 'Forbidden', MESSAGES.SCOPE_MISSING, findings);
export const notFound = (message: string, findings: readonly Finding[] = []) =>
  new ApiError(404, 'Not Found', message, findings);
export const conflict = (findings: readonly Finding[]) =>
  new ApiError(409, 'Conflict', MESSAGES.KEY_ALREADY_ASSIGNED, findings);
export const payloadTooLarge = (findings: readonly Finding[]) =>
  new ApiError(413, 'Payload Too Large', MESSAGES.PAYLOAD_TOO_LARGE, findings);
export const unsupportedMediaType = (message: string, findings: readonly Finding[]) =>
  new ApiError(415, 'Unsupported Media Type', message, findings);
export const internalError = () => new ApiError(500, 'Internal Server Error', MESSAGES.INTERNAL);
/** Not in the spec; what a CDN in front of the service answers during a brief outage (the unavailable_before_store switch). */
export const serviceUnavailable = () => new ApiError(503, 'Service Unavailable', MESSAGES.UNAVAILABLE);
