/**
 * Transport checks that belong to the app, not the handlers: the request Content-Type, body size,
 * and parsing (express.json, multer). Each failure becomes a /v1 error with its fault code.
 */
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import multer from 'multer';
import { finding } from './diagnostics/findings.ts';
import type { UploadSlots } from './http/uploadSlots.ts';
import { routesAt } from './routes/index.ts';
import {
  apiError,
  fieldErrors,
  MESSAGES,
  MULTIPART_LIMIT_OTHER,
  MULTIPART_LIMITS,
  validationFailed,
  type ApiError,
} from './errors.ts';
import { checkJsonShape, JsonShapeError } from './jsonShape.ts';
import { parseEnded, parseStarts } from './http/loopShare.ts';
import { fileLimitBytes } from './storage/fileLimits.ts';

/** No limit is published for JSON bodies; this one admits 10 MB of base64 so the forensics can name it. */
export const JSON_LIMIT_BYTES = 16 * 1024 * 1024;
/** Room for the multipart boundaries, headers and the small text parts around a full-size file. */
const MULTIPART_OVERHEAD_BYTES = 256 * 1024;
/** The largest multipart body read: a request that declares more gets 413 before a byte of it is read. */
export const multipartLimitBytes = (strict: boolean) =>
  fileLimitBytes(strict) + MULTIPART_OVERHEAD_BYTES;
/** The control plane's JSON bodies are small. */
export const CONTROL_JSON_LIMIT_BYTES = 64 * 1024;

/** The most body bytes the app reads for a request path (for `Expect: 100-continue`, http/server.ts). */
export function bodyLimitOf(path: string, strict: boolean): number {
  if (path.startsWith('/_mock')) return CONTROL_JSON_LIMIT_BYTES;
  return routesAt(path).some((route) => route.body === 'multipart')
    ? multipartLimitBytes(strict)
    : JSON_LIMIT_BYTES;
}

const tooLarge = (what: string, limit: number) =>
  apiError('file_too_large', MESSAGES.PAYLOAD_TOO_LARGE, [
    finding(
      'file_too_large',
      `${what} is over the ${limit === 10_000_000 ? '10 MB' : '10 MiB'} limit (${limit} bytes).`,
      { limit_bytes: limit },
    ),
  ]);

function requireContentType(type: string): RequestHandler {
  return (req, _res, next) => {
    if (!req.is(type)) {
      const got = req.headers['content-type'] ?? 'none';
      throw apiError('content_type_unsupported', MESSAGES.UNSUPPORTED_CONTENT_TYPE(type), [
        finding(
          'content_type_unsupported',
          `This endpoint takes ${type}; the request was sent as ${got}.`,
          { content_type: got },
        ),
      ]);
    }
    next();
  };
}

/** Runs a body parser and turns its errors into ApiErrors. */
function guarded(
  parser: RequestHandler,
  translate: (error: Error & { type?: string; code?: string }) => ApiError,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    parser(req, res, (error?: unknown) => {
      parseEnded(req);
      if (error === undefined || error === null) return next();
      // The body may be left unread: never keep such a connection alive.
      res.setHeader('Connection', 'close');
      next(translate(error as Error & { type?: string; code?: string }));
    });
  };
}

/**
 * The body's nesting and member count are checked on the raw bytes before JSON.parse, so that a
 * nesting bomb or a million members never reach the parser, the validation or the findings.
 */
const parseJson = express.json({
  limit: JSON_LIMIT_BYTES,
  strict: true,
  type: () => true,
  verify: (req, _res, buffer) => {
    parseStarts(req, buffer.length);
    checkJsonShape(buffer);
  },
});

export function jsonBody(): RequestHandler[] {
  return [
    requireContentType('application/json'),
    guarded(parseJson, (error) => {
      if (error.type === 'entity.too.large') {
        return apiError('body_too_large', MESSAGES.JSON_TOO_LARGE, [
          finding('body_too_large', `The JSON body is over ${JSON_LIMIT_BYTES} bytes.`, {
            limit_bytes: JSON_LIMIT_BYTES,
          }),
        ]);
      }
      if (error instanceof JsonShapeError) {
        return apiError('request_invalid', error.message, [
          finding('request_invalid', `${error.message}.`, { limit: error.limit }),
        ]);
      }
      if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
        return apiError('content_type_unsupported', MESSAGES.UNSUPPORTED_ENCODING, [
          finding(
            'content_type_unsupported',
            `The body's encoding or charset is not supported: ${error.message}.`,
          ),
        ]);
      }
      return apiError('request_malformed', MESSAGES.MALFORMED_JSON, [
        finding('request_malformed', 'The body is not parseable JSON.', {
          reason: error.type ?? error.message,
        }),
      ]);
    }),
  ];
}

const multipartParser = (fileLimit: number) =>
  multer({
    storage: multer.memoryStorage(),
    // Filenames as UTF-8 (browsers and curl send them so); busboy's default reads them as latin1.
    defParamCharset: 'utf8',
    limits: { fileSize: fileLimit, files: 1, fields: 8, fieldSize: 64 * 1024, parts: 12 },
  }).fields([{ name: 'file', maxCount: 1 }]);

/** The multipart transport; under --strict-requests the file limit is 10,000,000 bytes, else 10 MiB. */
export function multipartBody(slots: UploadSlots, strict: boolean): RequestHandler[] {
  const fileLimit = fileLimitBytes(strict);
  const parseMultipart = multipartParser(fileLimit);
  return [
    requireContentType('multipart/form-data'),
    (req, res, next) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > fileLimit + MULTIPART_OVERHEAD_BYTES) {
        res.setHeader('Connection', 'close');
        throw tooLarge('The request body', fileLimit);
      }
      next();
    },
    // At most UPLOAD_SLOTS bodies are read at once; the slot is held until the response is done with the file.
    (req, res, next) => {
      const gone = () => req.destroyed || res.writableEnded;
      void slots.acquire().then((release) => {
        res.once('close', release);
        if (gone()) return release();
        next();
      });
    },
    guarded(parseMultipart, (error) => {
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return tooLarge('The file part', fileLimit);
        const field = error.field ?? 'body';
        const problem = MULTIPART_LIMITS[error.code] ?? MULTIPART_LIMIT_OTHER;
        return validationFailed(fieldErrors([[field, [problem]]]), [
          finding(
            'request_invalid',
            `Multipart body rejected: ${error.message}${error.field ? ` (${error.field})` : ''}.`,
            { reason: error.code },
          ),
        ]);
      }
      return apiError('request_malformed', MESSAGES.MALFORMED_MULTIPART, [
        finding('request_malformed', `The multipart body could not be parsed: ${error.message}.`),
      ]);
    }),
  ];
}
