/**
 * A bound on the shape of a JSON body, checked on its raw bytes before JSON.parse: how deeply it
 * nests and how many values it holds. No request of the API nests beyond three levels or holds
 * more than a few dozen values, so both bounds are far above anything real; they keep a nesting
 * bomb or a body of a million fields from holding the event loop in the parser and the validation.
 * This is not a parser: it only counts brackets and commas outside strings, and JSON.parse still
 * decides what is valid.
 */
export const MAX_JSON_DEPTH = 64;
export const MAX_JSON_VALUES = 10_000;

export class JsonShapeError extends Error {
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
    this.name = 'JsonShapeError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

export function checkJsonShape(body: Uint8Array): void {
  const bytes = Buffer.isBuffer(body)
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    if (inString) {
      // Jump to the next quote (natively: a 10 MB string is one call), then see whether it is escaped.
      const quote = bytes.indexOf(QUOTE, i);
      if (quote === -1) return; // an unterminated string: JSON.parse refuses it
      let backslashes = 0;
      for (let k = quote - 1; k >= i && bytes[k] === BACKSLASH; k--) backslashes += 1;
      i = quote;
      if (backslashes % 2 === 0) inString = false;
      continue;
    }
    const byte = bytes[i] as number;
    if (byte === QUOTE) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      values += 1;
      if (depth > MAX_JSON_DEPTH)
        throw new JsonShapeError(
          `Request body nests deeper than ${MAX_JSON_DEPTH} levels`,
          MAX_JSON_DEPTH,
        );
    } else if (byte === 0x5d || byte === 0x7d) depth -= 1;
    else if (byte === COMMA) values += 1;
    if (values > MAX_JSON_VALUES)
      throw new JsonShapeError(
        `Request body holds more than ${MAX_JSON_VALUES} values`,
        MAX_JSON_VALUES,
      );
  }
}
