/**
 * A third check of the enclave signature, with a library other than the one that signed it (the
 * mock signs with node:crypto/OpenSSL): @noble/curves, pure JavaScript. A devDependency, so this
 * check is the project's own and not part of the shipped step library.
 */
import { p256 } from '@noble/curves/nist';
import type { SignatureCheck } from '../../support/jwks.ts';

export const verifiesWithNoble: SignatureCheck = (jwk, signedText, signatureBase64) =>
  p256.verify(
    Buffer.from(signatureBase64, 'base64'),
    Buffer.from(signedText, 'utf8'),
    Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x, 'base64url'),
      Buffer.from(jwk.y, 'base64url'),
    ]),
    { format: 'der', prehash: true, lowS: false },
  );
