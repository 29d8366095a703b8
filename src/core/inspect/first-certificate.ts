/**
 * The first PEM certificate in a pasted text, with its validity at `at`, or a sentence that
 * says what was found instead (a broken block, a key, nothing). <certlab-cert-summary>
 * imports it on first input.
 *
 *   const r = await firstCertificate(text, crypto.subtle, Date.now());
 *   r.ok ? r.cert.subject.oneline : r.message
 */
import { scanPem } from '../formats/pem.ts';
import { parseCertificate, validityStatus } from '../x509/certificate.ts';
import type { Certificate, Millis, Subtle } from '../model.ts';

export type SummaryResult = { ok: true; cert: Certificate; validity: string } | { ok: false; message: string };

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);

export async function firstCertificate(text: string, subtle: Subtle, at: Millis): Promise<SummaryResult> {
  const { blocks, problems } = scanPem(text);
  const block = blocks.find((b) => CERT_LABELS.has(b.label));
  if (block) {
    try {
      const cert = await parseCertificate(block.bytes, subtle);
      const status = validityStatus(cert.notBefore, cert.notAfter, at);
      return { ok: true, cert, validity: status.text };
    } catch (e) {
      return { ok: false, message: `This block is not a readable certificate: ${(e as Error).message}` };
    }
  }
  const problem = problems[0];
  if (problem) {
    switch (problem.kind) {
      case 'PemUnterminated':
        return {
          ok: false,
          message: `The ${problem.label} block that starts on line ${problem.beginLine} never ends: expected a line "-----END ${problem.label}-----". Was the paste cut short?`,
        };
      case 'PemNotBase64':
        return {
          ok: false,
          message: `Line ${problem.line} of the ${problem.label} block is not base64 (character "${problem.char}" at column ${problem.column}).`,
        };
      case 'PemBadLength':
        return { ok: false, message: `The ${problem.label} block ends early near line ${problem.line}: its base64 length is not a multiple of 4.` };
      case 'PemLabelMismatch':
        return { ok: false, message: `The block starts as ${problem.label} but ends as ${problem.endLabel} on line ${problem.line}.` };
    }
  }
  if (blocks.length) {
    return {
      ok: false,
      message: `This is a ${blocks[0].label}, not a certificate. Expected a block starting with "-----BEGIN CERTIFICATE-----". The full inspector reads keys, requests and bundles.`,
    };
  }
  return {
    ok: false,
    message: 'No PEM certificate found. Expected a block starting with "-----BEGIN CERTIFICATE-----" and ending with "-----END CERTIFICATE-----".',
  };
}
