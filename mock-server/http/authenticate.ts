/**
 * Bearer authentication on every /v1 route: long-lived API keys or JWTs, both accepted everywhere
 * (reference §2). 401 for a missing, malformed, unknown or expired token; 403 for a valid token
 * without the partner-endpoint scope on a partner route.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { finding } from '../diagnostics/findings.ts';
import { apiError, MESSAGES } from '../errors.ts';
import type { PrincipalType } from '../model.ts';
import { PARTNER_SCOPE, TestIssuer, TokenExpiredError } from '../auth/testIssuer.ts';
import { requestContext } from './requestContext.ts';

export interface Principal {
  type: PrincipalType;
  /** Never the token itself: an id derived from it (API key) or the JWT subject. */
  id: string;
  scopes: ReadonlySet<string>;
}

export type RequiredScope = 'partner' | 'none';

const apiKeyId = (key: string) =>
  `api-key-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

export class Authenticator {
  private readonly apiKeys = new Map<string, Principal>();

  constructor(
    private readonly issuer: TestIssuer,
    partnerKeys: readonly string[],
    standardKeys: readonly string[],
  ) {
    for (const key of standardKeys)
      this.apiKeys.set(key, { type: 'api_key', id: apiKeyId(key), scopes: new Set() });
    for (const key of partnerKeys) {
      this.apiKeys.set(key, {
        type: 'api_key',
        id: apiKeyId(key),
        scopes: new Set([PARTNER_SCOPE]),
      });
    }
  }

  middleware(required: RequiredScope) {
    const admit = (principal: Principal, res: Response, next: NextFunction): void => {
      requestContext(res).principal = { type: principal.type, id: principal.id };
      if (required === 'partner' && !principal.scopes.has(PARTNER_SCOPE)) {
        throw apiError('scope_missing', MESSAGES.SCOPE_MISSING, [
          finding(
            'scope_missing',
            `The ${describe(principal)} is valid but lacks the ${PARTNER_SCOPE} scope this endpoint needs.`,
          ),
        ]);
      }
      res.locals.principal = principal;
      next();
    };
    // An API key is decided at once; only a JWT's verification waits.
    return (req: Request, res: Response, next: NextFunction): void | Promise<void> => {
      const principal = this.authenticate(req.headers.authorization);
      if (!(principal instanceof Promise)) return admit(principal, res, next);
      return principal.then((verified) => admit(verified, res, next));
    };
  }

  /** The caller an Authorization header names: at once for an API key, once verified for a JWT. */
  private authenticate(header: string | undefined): Principal | Promise<Principal> {
    if (header === undefined || header.trim() === '') {
      throw apiError('auth_missing', MESSAGES.AUTH_MISSING, [
        finding('auth_missing', 'No Authorization header was sent.'),
      ]);
    }
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header.trim());
    if (!match) {
      throw apiError('auth_invalid', MESSAGES.AUTH_INVALID, [
        finding('auth_invalid', 'The Authorization header is not of the form "Bearer <token>".', {
          scheme: schemeOf(header),
        }),
      ]);
    }
    const token = match[1] as string;
    const apiKey = this.apiKeys.get(token);
    if (apiKey) return apiKey;
    if (token.split('.').length !== 3) {
      throw apiError('auth_invalid', MESSAGES.AUTH_INVALID, [
        finding('auth_invalid', 'The bearer token is neither a known API key nor a JWT.'),
      ]);
    }
    return this.verifyJwt(token);
  }

  private async verifyJwt(token: string): Promise<Principal> {
    try {
      const verified = await this.issuer.verify(token);
      return { type: 'user_credentials', id: verified.subject, scopes: verified.scopes };
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw apiError('auth_expired', MESSAGES.AUTH_EXPIRED, [
          finding('auth_expired', 'The JWT has expired (its exp claim is in the past).'),
        ]);
      }
      throw apiError('auth_invalid', MESSAGES.AUTH_INVALID, [
        finding(
          'auth_invalid',
          'The JWT did not verify (signature, algorithm, issuer or audience).',
          { reason: (error as Error).message },
        ),
      ]);
    }
  }
}

/**
 * The scheme of an Authorization header that is not "Bearer <token>", for the journal. A header of
 * one word is a token sent without a scheme: that word is the credential and is never recorded.
 */
function schemeOf(header: string): string {
  const words = header.trim().split(/\s+/);
  if (words.length < 2) return '(none: a bare token without "Bearer ")';
  const scheme = words[0] as string;
  return /^[A-Za-z][A-Za-z0-9-]{0,15}$/.test(scheme) ? scheme : '(not a scheme name)';
}

function describe(principal: Principal): string {
  return principal.type === 'api_key' ? 'API key' : 'JWT';
}
