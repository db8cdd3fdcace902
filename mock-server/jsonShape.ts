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

export function checkJsonShape(bytes: Uint8Array): void {
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      values += 1;
      if (depth > MAX_JSON_DEPTH) throw new JsonShapeError(`Request body nests deeper than ${MAX_JSON_DEPTH} levels`, MAX_JSON_DEPTH);
    } else if (byte === 0x5d || byte === 0x7d) depth -= 1;
    else if (byte === COMMA) values += 1;
    if (values > MAX_JSON_VALUES) throw new JsonShapeError(`Request body holds more than ${MAX_JSON_VALUES} values`, MAX_JSON_VALUES);
  }
}
