/**
 * The mock's test JWT issuer. The real authentication page is unpublished (reference §2), so the
 * claims here are the mock's choice: ES256, a fixed issuer and audience, and the OAuth-style
 * space-separated `scope` claim carrying `partner-endpoint`. Tokens are verified for real with jose.
 */
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';

export const TEST_ISSUER = 'https://auth.coincover-mock.test/';
export const TEST_AUDIENCE = 'https://service.keys.coincover.com';
export const PARTNER_SCOPE = 'partner-endpoint';
const KID = 'coincover-mock-test-issuer-1';

export interface MintOptions {
  subject?: string;
  scopes?: readonly string[];
  /** Seconds from now; negative mints an already expired token. */
  expiresIn?: number;
}

export interface VerifiedToken {
  subject: string;
  scopes: Set<string>;
}

export class TokenExpiredError extends Error {}
export class TokenInvalidError extends Error {}

export class TestIssuer {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(pemFile: string) {
    try {
      this.privateKey = createPrivateKey(readFileSync(pemFile));
    } catch (error) {
      throw new Error(`cannot load JWT issuer key ${pemFile}: ${(error as Error).message}`);
    }
    this.publicKey = createPublicKey(this.privateKey);
  }

  async mint(
    options: MintOptions = {},
  ): Promise<{ token: string; expiresAt: Date; subject: string }> {
    const subject = options.subject ?? randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (options.expiresIn ?? 3600);
    const token = await new SignJWT({ scope: (options.scopes ?? [PARTNER_SCOPE]).join(' ') })
      .setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt(Math.min(now, exp - 1))
      .setExpirationTime(exp)
      .sign(this.privateKey);
    return { token, expiresAt: new Date(exp * 1000), subject };
  }

  /** Verifies signature, algorithm, issuer, audience and expiry. */
  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
        algorithms: ['ES256'],
        requiredClaims: ['sub', 'exp'],
      });
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      return { subject: String(payload.sub), scopes: new Set(scope.split(' ').filter(Boolean)) };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new TokenExpiredError('token has expired');
      throw new TokenInvalidError(
        error instanceof joseErrors.JOSEError ? error.code : 'ERR_JWT_INVALID',
      );
    }
  }
}
