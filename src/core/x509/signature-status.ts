/**
 * Signature checks for the inspector (certificates, CRLs, CSRs), in the inspector's terms:
 * valid, invalid, or unsupported (an algorithm WebCrypto lacks: MD5, SHA-224, DSA, Ed448).
 * The checking itself is the validator's (src/core/x509/signature.ts): one implementation.
 */
import type { Subtle } from '../model.ts';
import type { PublicKeyShape } from './public-key.ts';
import type { AlgorithmId } from './certificate.ts';
import { verifySignedData } from './signature.ts';

export type SignatureCheck = { status: 'valid' } | { status: 'invalid' } | { status: 'unsupported'; reason: string };

export async function verifySignature(
  subtle: Subtle,
  signed: Uint8Array,
  alg: AlgorithmId,
  signature: Uint8Array,
  key: PublicKeyShape,
): Promise<SignatureCheck> {
  const r = await verifySignedData(subtle, signed, alg, signature, key);
  if (r.ok) return { status: 'valid' };
  switch (r.reason) {
    case 'bad-signature':
    case 'key-algorithm-mismatch':
      return { status: 'invalid' };
    case 'unsupported-algorithm':
      return { status: 'unsupported', reason: `${alg.name} is not available in WebCrypto` };
    case 'undecodable-key':
      return { status: 'unsupported', reason: `WebCrypto refused the ${key.algorithm} key` };
  }
}
