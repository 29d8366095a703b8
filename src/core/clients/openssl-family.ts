/**
 * What the OpenSSL-based clients (openssl s_client, curl, Python, Node.js) share: OpenSSL's
 * text for a verify code, the order in which OpenSSL reports errors when it is told to go on,
 * and the evidence for the policy knobs they inherit from OpenSSL.
 */
import { verifyCodeByNumber } from '../codes/verify-codes.ts';
import { V } from '../codes/verify-code-constants.ts';
import type { KnobEvidence } from './client-types.ts';
import type { ClientFailure, RenderContext } from './render-types.ts';

/** OpenSSL 3.0's text for a verify code (X509_verify_cert_error_string). */
export function opensslText(code: number): string {
  return verifyCodeByNumber(code).code?.text ?? `error number ${code}`;
}

/**
 * The errors OpenSSL reports, in order, when the verify callback lets it continue
 * (s_client, Node). Captured here: a leaf-only chain gives 20 then 21; an issuer that is
 * not a CA gives 79 then 26, and 32 after them when its keyUsage lacks keyCertSign.
 */
export function continuedErrors(f: ClientFailure, ctx: RenderContext): number[] {
  if (f.code === V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY && f.depth === 0) return [V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY, V.UNABLE_TO_VERIFY_LEAF_SIGNATURE];
  if (f.code === V.INVALID_CA) {
    const ku = ctx.cert?.keyUsage;
    return ku && !ku.includes('keyCertSign') ? [V.INVALID_CA, V.INVALID_PURPOSE, V.KEYUSAGE_NO_CERTSIGN] : [V.INVALID_CA, V.INVALID_PURPOSE];
  }
  return [f.code];
}

export const NO_AIA: KnobEvidence = {
  basis: 'source',
  note: 'OpenSSL never fetches AIA caIssuers; an incomplete chain fails with 20/21 (captured: incomplete-chain).',
};
export const OPENSSL_DEPTH: KnobEvidence = { basis: 'source', note: 'OpenSSL X509_VERIFY_PARAM default depth 100 (crypto/x509/x509_vpm.c).' };
export const NO_STRICT: KnobEvidence = {
  basis: 'captured',
  note: 'X509_V_FLAG_X509_STRICT is off unless the application sets it: an intermediate without keyUsage passes (situation ca-without-keyusage).',
};
export const NO_STRICT_SOURCE: KnobEvidence = { basis: 'source', note: 'X509_V_FLAG_X509_STRICT is off unless the application sets it.' };
export const NO_PARTIAL: KnobEvidence = {
  basis: 'source',
  note: 'X509_V_FLAG_PARTIAL_CHAIN is off unless the application sets it: the chain must end at a self-signed trusted root.',
};
export const NO_PARTIAL_CAPTURED: KnobEvidence = {
  basis: 'captured',
  note: 'Trusting only the intermediate fails with 2 "unable to get issuer certificate" (situation trusted-intermediate).',
};
export const SECLEVEL2_RSA: KnobEvidence = {
  basis: 'captured',
  note: 'Debian 12 openssl.cnf sets SECLEVEL=2 (112 bits): an RSA-1024 leaf fails with 66 "EE certificate key too weak" (situation weak-key).',
};
export const SECLEVEL2_SHA1: KnobEvidence = {
  basis: 'captured',
  note: 'At SECLEVEL 2 a SHA-1 signature (below the anchor) fails with 68 "CA signature digest algorithm too weak" (situation weak-digest).',
};
