/**
 * Redaction of credential-shaped values wherever the mock echoes something a request sent: error
 * messages, findings and their details, the journal's path and Content-Type, and the log. A
 * client that puts its API key in a field name, a sign_with value, a path or a Content-Type must
 * not find it in a response, the journal or a log line. Redacted: every configured API key and the
 * control token (as sent, in hex and in base64), anything shaped like a JWT, and the token of any
 * "Bearer <token>".
 */
export const REDACTED = '[redacted]';

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** The token of "Bearer <token>" (RFC 6750's token68 characters, eight or more), wherever a request echoed one. */
const BEARER_VALUE = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g;
/** Shorter configured keys are not searched for: they would match ordinary words. */
const MIN_SECRET_CHARS = 8;

/** Paths and Content-Types up to this long are remembered once redacted: a client sends the same ones again and again. */
const REMEMBERED_CHARS = 256;
/** At most this many are remembered; past it, the memory starts again empty. */
const REMEMBERED_ENTRIES = 512;

export class Redactor {
  private readonly needles: string[];
  private readonly paths = new Map<string, string>();
  private readonly headers = new Map<string, string>();

  constructor(secrets: readonly string[]) {
    const forms = secrets
      .filter((s) => s.length >= MIN_SECRET_CHARS)
      .flatMap((s) => [
        s,
        Buffer.from(s).toString('hex'),
        Buffer.from(s).toString('base64').replace(/=+$/, ''),
        encodeURIComponent(s),
      ]);
    // Longest first, so that a key that contains another is replaced whole.
    this.needles = [...new Set(forms)].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    if (out.includes('eyJ')) out = out.replace(JWT_SHAPE, REDACTED);
    if (out.includes('Bearer')) out = out.replace(BEARER_VALUE, `$1 ${REDACTED}`);
    for (const needle of this.needles)
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  }

  /** A path as the journal and the log keep it: redacted as sent, and in its decoded form. */
  path(value: string): string {
    return remembered(this.paths, value, () => {
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        // not percent-encoded text: the raw form is all there is
      }
      const redacted = this.text(decoded);
      return redacted === decoded && decoded !== value ? this.text(value) : redacted;
    });
  }

  /** A request header's value as the journal keeps it (its Content-Type): text(), remembered. */
  header(value: string): string {
    return remembered(this.headers, value, () => this.text(value));
  }

  /** Any JSON-like value: strings and object keys redacted, the shape kept. */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (typeof value === 'object' && value !== null) {
      const out = Object.create(null) as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[this.text(k)] = this.value(v);
      return out;
    }
    return value;
  }
}

function remembered(memory: Map<string, string>, value: string, redact: () => string): string {
  if (value.length > REMEMBERED_CHARS) return redact();
  let out = memory.get(value);
  if (out === undefined) {
    if (memory.size >= REMEMBERED_ENTRIES) memory.clear();
    out = redact();
    memory.set(value, out);
  }
  return out;
}
