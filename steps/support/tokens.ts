/** Test tokens: JWTs minted by the mock's test issuer, and the hand-made bad ones. */
import { request } from 'undici';
import { rememberToken } from './secrets.ts';

/** POST /_mock/tokens; the token is remembered for the secret scan. */
export async function mintToken(
  baseUrl: string,
  body: { scopes?: string[]; expires_in?: number } = {},
): Promise<string> {
  const answer = await request(`${baseUrl}/_mock/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.statusCode !== 200)
    throw new Error(`minting a token failed: ${await answer.body.text()}`);
  return rememberToken(((await answer.body.json()) as { access_token: string }).access_token);
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned JWT (alg none) claiming the partner scope: jose must refuse it. */
export function algNoneJwt(): string {
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'attacker', scope: 'partner-endpoint', iat: now, exp: now + 600 })}.`;
}

/** A minted JWT with one character of its signature changed. */
export async function tamperedJwt(baseUrl: string): Promise<string> {
  const [header, payload, signature] = (await mintToken(baseUrl)).split('.') as [
    string,
    string,
    string,
  ];
  return `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
}
