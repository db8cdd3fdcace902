/** Test tokens: JWTs minted by the mock's test issuer, and the hand-made bad ones. */
import type { ControlPlane } from './controlPlane.ts';
import { rememberToken } from './secrets.ts';

/** POST /_mock/tokens; the token is remembered for the secret scan. */
export async function mintToken(
  control: ControlPlane,
  body: { scopes?: string[]; expires_in?: number } = {},
): Promise<string> {
  return rememberToken(await control.mintToken(body));
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned JWT (alg none) claiming the partner scope: jose must refuse it. */
export function algNoneJwt(): string {
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'attacker', scope: 'partner-endpoint', iat: now, exp: now + 600 })}.`;
}

/** A minted JWT with one character of its signature changed. */
export async function tamperedJwt(control: ControlPlane): Promise<string> {
  const [header, payload, signature] = (await mintToken(control)).split('.') as [
    string,
    string,
    string,
  ];
  return `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
}
