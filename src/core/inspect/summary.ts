/**
 * One sentence about an inspection: what was found and how many problems need fixing
 * ("Found 2 certificates, 1 private key. 1 problem to fix."), for the inspector's status line.
 */
import type { InspectItem, InspectResult } from './result.ts';

const KIND_TEXT: Record<InspectItem['kind'], string> = {
  certificate: 'certificate',
  csr: 'CSR',
  crl: 'CRL',
  'private-key': 'private key',
  'encrypted-private-key': 'encrypted private key',
  'public-key': 'public key',
  pkcs7: 'PKCS#7 bundle',
  pkcs12: 'PKCS#12 file',
  's-client': 's_client transcript',
  keystore: 'Java keystore',
  error: 'error',
};

export function summaryText(r: InspectResult): string {
  if (!r.ok) return r.error?.message ?? 'Nothing readable was found.';
  const counts = new Map<InspectItem['kind'], number>();
  for (const it of r.items) counts.set(it.kind, (counts.get(it.kind) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} ${KIND_TEXT[k]}${n > 1 && !k.endsWith('s') ? 's' : ''}`);
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  return `Found ${parts.join(', ')}.${errors ? ` ${errors} problem${errors > 1 ? 's' : ''} to fix.` : ''}`;
}
