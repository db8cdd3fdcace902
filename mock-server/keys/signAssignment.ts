/**
 * The enclave signature of an assignment: over the UTF-8 bytes of the hex public_key, or of
 * signed_payload when sign_with was sent (reference §6). A fault (a switch armed on the control plane,
 * taken by the HTTP edge) can make an assignment carry a bad signature, so a client's verification can be tested.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { EnclaveSigner } from '../crypto/enclaveSigner.ts';
import { spkiHex } from '../crypto/rsaKeys.ts';

/** The bad signatures a fault switch can put on the next assignments (armed on the control plane). */
export const SIGNATURE_FAULTS = [
  'forged_signature',
  'other_environment_signature',
  'signature_over_other_key',
] as const;
export type SignatureFault = (typeof SIGNATURE_FAULTS)[number];

export interface SignedAssignment {
  publicKeyHex: string;
  signature: string;
  signedPayload?: string;
}

export function signAssignment(
  signer: EnclaveSigner,
  fault: SignatureFault | undefined,
  publicKeyHex: string,
  payload: string | null,
): SignedAssignment {
  const signedText = payload ?? publicKeyHex;
  switch (fault) {
    case undefined:
      return { publicKeyHex, signature: signer.sign(Buffer.from(signedText, 'utf8')) };
    case 'forged_signature': {
      // A well-formed DER ECDSA signature by a key nobody publishes.
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return {
        publicKeyHex,
        signature: sign('sha256', Buffer.from(signedText, 'utf8'), {
          key: privateKey,
          dsaEncoding: 'der',
        }).toString('base64'),
      };
    }
    case 'other_environment_signature': {
      const other = signer.environment === 'uat' ? 'prod' : 'uat';
      return { publicKeyHex, signature: signer.sign(Buffer.from(signedText, 'utf8'), other) };
    }
    case 'signature_over_other_key': {
      // A genuine enclave signature, but over a different public key than the one returned.
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const otherHex = spkiHex(privateKey);
      const otherText = payload === null ? otherHex : payload.replace(publicKeyHex, otherHex);
      return { publicKeyHex, signature: signer.sign(Buffer.from(otherText, 'utf8')) };
    }
  }
}
