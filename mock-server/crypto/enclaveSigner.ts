/**
 * The test enclave signing key: ECDSA P-256 with SHA-256, DER signature, standard base64
 * (reference §6). UAT and production hold different key material under the same kid.
 */
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type CoinCoverEnvironment = 'uat' | 'prod';

/** The documented kid, identical in UAT and production (reference §6, JWKS publication). */
export const ENCLAVE_KID = 'enclave-signing-key-v1';
/** The documented example instant (reference §6); in the past for every supported clock. */
export const ENCLAVE_VALID_FROM = '2026-06-23T00:00:00Z';
export const JWKS_CACHE_CONTROL = 'max-age=600, must-revalidate';

export interface EnclaveJwk {
  kty: 'EC';
  crv: 'P-256';
  alg: 'ES256';
  use: 'sig';
  kid: string;
  x: string;
  y: string;
  'coincover:purposes': string[];
  'coincover:validFrom': string;
}

export class EnclaveSigner {
  private readonly keys: Record<CoinCoverEnvironment, KeyObject>;

  constructor(
    pemFiles: Record<CoinCoverEnvironment, string>,
    readonly environment: CoinCoverEnvironment,
  ) {
    this.keys = {
      uat: loadP256(pemFiles.uat),
      prod: loadP256(pemFiles.prod),
    };
  }

  /** Standard base64 of the DER signature over `bytes`, by this or another environment's key. */
  sign(bytes: Buffer, environment: CoinCoverEnvironment = this.environment): string {
    return sign('sha256', bytes, { key: this.keys[environment], dsaEncoding: 'der' }).toString(
      'base64',
    );
  }

  jwks(): { keys: EnclaveJwk[] } {
    const jwk = createPublicKey(this.keys[this.environment]).export({ format: 'jwk' });
    return {
      keys: [
        {
          kty: 'EC',
          crv: 'P-256',
          alg: 'ES256',
          use: 'sig',
          kid: ENCLAVE_KID,
          x: String(jwk.x),
          y: String(jwk.y),
          'coincover:purposes': ['assignment-sig', 'policy-sig'],
          'coincover:validFrom': ENCLAVE_VALID_FROM,
        },
      ],
    };
  }
}

function loadP256(file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new Error(`cannot load enclave signing key ${file}: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`enclave signing key ${file} is not a P-256 EC key`);
  }
  return key;
}
