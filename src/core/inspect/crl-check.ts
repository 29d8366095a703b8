/**
 * What a CRL in the input says about the certificates next to it: whether its issuer is
 * among them (and really signed it), whether it is past its nextUpdate, and which of
 * the certificates it lists as revoked (same issuer name, same serial).
 */
import type { Subtle } from '../model.ts';
import type { Finding } from './bundle.ts';
import type { InspectItem } from './result.ts';
import { verifySignature } from '../x509/signature-status.ts';
import { isoTime } from './describe.ts';

export async function crlFindings(items: InspectItem[], subtle: Subtle, at: number): Promise<Finding[]> {
  const out: Finding[] = [];
  const certs = items.flatMap((it) => (it.kind === 'certificate' ? [it] : []));
  for (const it of items) {
    if (it.kind !== 'crl') continue;
    const crl = it.crl;
    const issuers = certs.filter((c) => c.certificate.subject.canonical === crl.issuer.canonical);
    for (const issuer of issuers.slice(0, 4)) {
      const sig = await verifySignature(subtle, crl.tbs, crl.signatureAlgorithm, crl.signature, issuer.certificate.publicKey);
      out.push({
        kind: 'crl-signature',
        severity: sig.status === 'invalid' ? 'error' : 'info',
        items: [it.index, issuer.index],
        message:
          sig.status === 'valid'
            ? `the CRL is signed by ${crl.issuer.oneline} [${issuer.index}]`
            : `the CRL's signature does not verify with [${issuer.index}] (${sig.status})`,
        action:
          sig.status === 'valid'
            ? 'Nothing to do.'
            : "This CRL was not issued by that certificate; get the CRL from the URL in the certificates' CRL distribution points.",
      });
    }
    if (crl.nextUpdate !== undefined && crl.nextUpdate < at) {
      out.push({
        kind: 'crl-outdated',
        severity: 'warning',
        items: [it.index],
        message: `the CRL's nextUpdate (${isoTime(crl.nextUpdate)}) has passed`,
        action: 'Download a current CRL; clients that check revocation treat an outdated CRL as unavailable (OpenSSL code 12, CRL has expired).',
      });
    }
    const revoked = new Map(crl.revoked.map((e) => [e.serialHex, e]));
    for (const c of certs) {
      const e = c.certificate.issuer.canonical === crl.issuer.canonical ? revoked.get(c.certificate.serialHex) : undefined;
      if (!e) continue;
      out.push({
        kind: 'revoked',
        severity: 'error',
        items: [c.index, it.index],
        message: `${c.certificate.subject.oneline} was revoked on ${isoTime(e.revokedAt)}${e.reason ? ` (${e.reason})` : ''} according to this CRL`,
        action: 'Replace the certificate: get a new one issued for a new key (if the reason is keyCompromise, the old key must not be reused).',
      });
    }
  }
  return out;
}
