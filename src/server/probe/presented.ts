/**
 * Summaries of the certificates exactly as the server sent them, for the JSON result and the
 * text report. A certificate that does not parse is still listed (with its fingerprint and
 * the parse error), so the list keeps the server's order and count.
 */
import { parseCertificate, validityStatus } from '../../core/x509/certificate.ts';
import type { Certificate, Millis } from '../../core/model.ts';
import { toPem } from '../../core/formats/pem.ts';
import type { PresentedCertificate, UnparsedCertificate } from '../../core/net/probe-json.ts';

export type { PresentedCertificate, UnparsedCertificate };

export interface ParsedPresented {
  certificates: (Certificate | null)[];
  summaries: (PresentedCertificate | UnparsedCertificate)[];
}

const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

function keyText(c: Certificate): string {
  const k = c.publicKey;
  return k.curve ? `${k.algorithm} ${k.curve}` : `${k.algorithm} ${k.bits} bits`;
}

export async function summarisePresented(presented: Uint8Array[], at: Millis, subtle: SubtleCrypto): Promise<ParsedPresented> {
  const certificates: (Certificate | null)[] = [];
  const summaries: (PresentedCertificate | UnparsedCertificate)[] = [];
  const seen = new Map<string, number>();
  for (const [index, der] of presented.entries()) {
    const pem = toPem('CERTIFICATE', der);
    let cert: Certificate;
    try {
      cert = await parseCertificate(der, subtle);
    } catch (e) {
      certificates.push(null);
      summaries.push({ index, sha256: hex(await subtle.digest('SHA-256', der as BufferSource)), error: (e as Error).message, pem });
      continue;
    }
    certificates.push(cert);
    const first = seen.get(cert.sha256);
    if (first === undefined) seen.set(cert.sha256, index);
    summaries.push({
      index,
      subject: cert.subject.oneline,
      issuer: cert.issuer.oneline,
      serial: cert.serialHex,
      notBefore: new Date(cert.notBefore).toISOString(),
      notAfter: new Date(cert.notAfter).toISOString(),
      validity: validityStatus(cert.notBefore, cert.notAfter, at).text,
      role: cert.role,
      dnsNames: (cert.subjectAltNames ?? []).filter((n) => n.type === 'dns').map((n) => n.value as string),
      ipAddresses: (cert.subjectAltNames ?? []).filter((n) => n.type === 'ip').map((n) => n.value as string),
      key: keyText(cert),
      signatureAlgorithm: cert.signatureAlgorithm.name,
      caIssuers: cert.aia?.caIssuers ?? [],
      sha256: cert.sha256,
      ...(first !== undefined ? { duplicateOf: first } : {}),
      pem,
    });
  }
  return { certificates, summaries };
}
