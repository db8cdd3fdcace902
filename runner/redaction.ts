/**
 * What a client prints may hold what it was given. Before any of it reaches a report, every
 * secret the runner handed out (the API key, each recovery material) is replaced in each of the
 * encodings a client is likely to log it in: as is, hex (either case), base64 and base64url
 * (with or without padding). The self-tests' secret scan looks for the same forms.
 */

export interface Secret {
  /** What replaces it: "[api key]", "[recovery material]". */
  readonly label: string;
  readonly bytes: Buffer;
}

/** Shorter forms would match ordinary text by chance. */
const MIN_FORM_LENGTH = 8;

/** Every printable form of a secret worth looking for, longest first. */
export function secretForms(bytes: Buffer): string[] {
  const base64 = bytes.toString('base64');
  const hex = bytes.toString('hex');
  const forms = [
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    hex,
    hex.toUpperCase(),
  ];
  // The plain form only when the bytes are text: non-UTF-8 bytes are logged in some encoding anyway.
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) forms.push(text, text.trim());
  return [...new Set(forms)]
    .filter((form) => form.length >= MIN_FORM_LENGTH)
    .sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of secretForms(secret.bytes)) out = out.split(form).join(`[${secret.label}]`);
  }
  return out;
}

/** The first secret form found in `text`, named, or undefined. */
export function findSecret(
  text: string,
  secrets: readonly Secret[],
): { label: string; form: string } | undefined {
  for (const secret of secrets) {
    for (const form of secretForms(secret.bytes)) {
      if (text.includes(form))
        return { label: secret.label, form: describeForm(secret.bytes, form) };
    }
  }
  return undefined;
}

function describeForm(bytes: Buffer, form: string): string {
  if (form === bytes.toString('hex') || form === bytes.toString('hex').toUpperCase()) return 'hex';
  if (form === bytes.toString('base64url') && /[-_]/.test(form)) return 'base64url';
  if (
    form.startsWith(bytes.toString('base64').replace(/=+$/, '')) &&
    form !== bytes.toString('utf8')
  )
    return 'base64';
  return 'plain text';
}
