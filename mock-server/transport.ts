/**
 * Transport checks that belong to the app, not the handlers: the request Content-Type, body size,
 * and parsing (express.json, multer). Each failure becomes a /v1 error with its fault code.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { finding } from './diagnostics/findings.ts';
import type { UploadSlots } from './http/uploadSlots.ts';
import { routesAt } from './routes/index.ts';
import { badRequest, MESSAGES, payloadTooLarge, unsupportedMediaType, validationFailed, type ApiError } from './errors.ts';

/** 10 MB read as 10,000,000 bytes (reference §3.3 leaves MB vs MiB open; the smaller bound is the safe one). */
export const FILE_LIMIT_BYTES = 10_000_000;
/** No limit is published for JSON bodies; this one admits 10 MB of base64 so the forensics can name it. */
export const JSON_LIMIT_BYTES = 16 * 1024 * 1024;
/** Room for the multipart boundaries, headers and the small text parts around a full-size file. */
const MULTIPART_OVERHEAD_BYTES = 256 * 1024;
/** The largest multipart body read: a request that declares more gets 413 before a byte of it is read. */
export const MULTIPART_LIMIT_BYTES = FILE_LIMIT_BYTES + MULTIPART_OVERHEAD_BYTES;
/** The control plane's JSON bodies are small. */
export const CONTROL_JSON_LIMIT_BYTES = 64 * 1024;

/** The most body bytes the app reads for a request path (for `Expect: 100-continue`, http/server.ts). */
export function bodyLimitOf(path: string): number {
  if (path.startsWith('/_mock')) return CONTROL_JSON_LIMIT_BYTES;
  return routesAt(path).some((route) => route.body === 'multipart') ? MULTIPART_LIMIT_BYTES : JSON_LIMIT_BYTES;
}

const tooLarge = (what: string) =>
  payloadTooLarge([finding('file_too_large', `${what} is over the 10 MB limit (${FILE_LIMIT_BYTES} bytes).`, { limit_bytes: FILE_LIMIT_BYTES })]);

function requireContentType(type: string): RequestHandler {
  return (req, _res, next) => {
    if (!req.is(type)) {
      const got = req.headers['content-type'] ?? 'none';
      throw unsupportedMediaType(MESSAGES.UNSUPPORTED_CONTENT_TYPE(type), [
        finding('content_type_unsupported', `This endpoint takes ${type}; the request was sent as ${got}.`, { content_type: got }),
      ]);
    }
    next();
  };
}

/** Runs a body parser and turns its errors into ApiErrors. */
function guarded(parser: RequestHandler, translate: (error: Error & { type?: string; code?: string }) => ApiError): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    parser(req, res, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      // The body may be left unread: never keep such a connection alive.
      res.setHeader('Connection', 'close');
      next(translate(error as Error & { type?: string; code?: string }));
    });
  };
}

const parseJson = express.json({ limit: JSON_LIMIT_BYTES, strict: true, type: () => true });

export function jsonBody(): RequestHandler[] {
  return [
    requireContentType('application/json'),
    guarded(parseJson, (error) => {
      if (error.type === 'entity.too.large') {
        return payloadTooLarge([finding('request_invalid', `The JSON body is over ${JSON_LIMIT_BYTES} bytes.`, { limit_bytes: JSON_LIMIT_BYTES })]);
      }
      if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
        return unsupportedMediaType(error.message, [finding('content_type_unsupported', `The body's encoding or charset is not supported: ${error.message}.`)]);
      }
      return badRequest(MESSAGES.MALFORMED_JSON, [finding('request_malformed', 'The body is not parseable JSON.', { reason: error.type ?? error.message })]);
    }),
  ];
}

const parseMultipart = multer({
  storage: multer.memoryStorage(),
  // Filenames as UTF-8 (browsers and curl send them so); busboy's default reads them as latin1.
  defParamCharset: 'utf8',
  limits: { fileSize: FILE_LIMIT_BYTES, files: 1, fields: 8, fieldSize: 64 * 1024, parts: 12 },
}).fields([{ name: 'file', maxCount: 1 }]);

export function multipartBody(slots: UploadSlots): RequestHandler[] {
  return [
    requireContentType('multipart/form-data'),
    (req, res, next) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MULTIPART_LIMIT_BYTES) {
        res.setHeader('Connection', 'close');
        throw tooLarge('The request body');
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
        if (error.code === 'LIMIT_FILE_SIZE') return tooLarge('The file part');
        const field = error.field ?? 'body';
        return validationFailed({ [field]: [error.message] }, [finding('request_invalid', `Multipart body rejected: ${error.message}${error.field ? ` (${error.field})` : ''}.`, { reason: error.code })]);
      }
      return badRequest(MESSAGES.MALFORMED_MULTIPART, [finding('request_malformed', `The multipart body could not be parsed: ${error.message}.`)]);
    }),
  ];
}
