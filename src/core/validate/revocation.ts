/**
 * Revocation from CRLs the caller supplies (`certlab verify --crl`, x509-limbo's `crls`): every
 * certificate below the trust anchor for which a CRL from its issuer (by name) is given is
 * checked against it, as OpenSSL's check_crl does with -crl_check_all: the issuer may sign
 * CRLs (keyUsage cRLSign when keyUsage is present), the CRL's signature, no critical extension
 * OpenSSL does not handle, thisUpdate/nextUpdate around the time, then the serial. Certificates
 * with no CRL from their issuer are not checked (nothing is fetched). The strict profiles also
 * require the CRL number (RFC 5280 5.2.3).
 */
import type { Certificate, Millis, Subtle } from '../model.ts';
import type { Crl } from '../x509/crl.ts';
import { verifySignedData } from '../x509/signature.ts';
import type { ValidationFailure } from './failures.ts';
import { certAt } from './cert-facts.ts';

/** Critical CRL extensions OpenSSL handles (x_crl.c crl_cb): issuingDistributionPoint, AKI, deltaCRLIndicator. */
const HANDLED_CRITICAL_CRL = new Set(['2.5.29.28', '2.5.29.35', '2.5.29.27']);
const OID_CRL_NUMBER = '2.5.29.20';

async function crlFailure(
  cert: Certificate,
  issuer: Certificate,
  crl: Crl,
  i: number,
  at: Millis,
  strict: boolean,
  subtle: Subtle,
): Promise<ValidationFailure | undefined> {
  const where = certAt(cert, i);
  if (issuer.keyUsage && !issuer.keyUsage.includes('cRLSign')) return { kind: 'CrlIssuerNoCrlSign', ...where, keyUsage: issuer.keyUsage };
  const sig = await verifySignedData(subtle, crl.tbs, crl.signatureAlgorithm, crl.signature, issuer.publicKey);
  if (!sig.ok) return { kind: 'CrlSignatureFailure', ...where, crlIssuer: crl.issuer.oneline };
  const critical = crl.extensions.find((e) => e.critical && !HANDLED_CRITICAL_CRL.has(e.oid));
  if (critical) return { kind: 'CrlUnhandledCriticalExtension', ...where, oid: critical.oid };
  const t = Math.floor(at / 1000) * 1000;
  if (t < crl.thisUpdate) return { kind: 'CrlNotYetValid', ...where, thisUpdate: crl.thisUpdate };
  if (crl.nextUpdate !== undefined && t > crl.nextUpdate) return { kind: 'CrlExpired', ...where, nextUpdate: crl.nextUpdate };
  if (strict && !crl.extensions.some((e) => e.oid === OID_CRL_NUMBER))
    return { kind: 'NonConformingCrl', ...where, rule: 'a CRL must carry a CRL number (RFC 5280 5.2.3)' };
  const entry = crl.revoked.find((r) => r.serialHex === cert.serialHex);
  if (entry) return { kind: 'CertRevoked', ...where, revokedAt: entry.revokedAt, reason: entry.reason ?? null };
  return undefined;
}

/** The first revocation failure of the path (peer first, anchor last), checking from the peer up. */
export async function revocationFailure(
  path: Certificate[],
  crls: readonly Crl[],
  at: Millis,
  strict: boolean,
  subtle: Subtle,
): Promise<ValidationFailure | undefined> {
  if (crls.length === 0) return undefined;
  for (let i = 0; i < path.length - 1; i++) {
    const cert = path[i];
    const issuer = path[i + 1];
    for (const crl of crls.filter((c) => c.issuer.canonical === cert.issuer.canonical)) {
      const f = await crlFailure(cert, issuer, crl, i, at, strict, subtle);
      if (f) return f;
    }
  }
  return undefined;
}
