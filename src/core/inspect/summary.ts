/**
 * One sentence about an inspection: what was found, then the errors and the warnings, counted
 * apart ("Found 2 certificates, 1 private key. 1 error, 1 warning."), for the inspector's status
 * line. Errors are the error findings and the parts that could not be read; warnings are the
 * warning findings (issue 14: "1 problem to fix" showed with an error and a warning on screen).
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
  for (const it of r.items) if (it.kind !== 'error') counts.set(it.kind, (counts.get(it.kind) ?? 0) + 1);
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 && !word.endsWith('s') ? 's' : ''}`;
  const parts = [...counts].map(([k, n]) => plural(n, KIND_TEXT[k]));
  const errors = r.findings.filter((f) => f.severity === 'error').length + r.items.filter((it) => it.kind === 'error' || ('error' in it && it.error)).length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const found = parts.length ? `Found ${parts.join(', ')}.` : 'Nothing readable was found.';
  const problems = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  return problems ? `${found} ${problems}.` : found;
}
