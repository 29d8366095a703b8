/**
 * The words for OCSP and CRL answers in the probe's result, shared by the probe widget and
 * `certlab probe` (one source for both).
 */
import type { CrlStatusJson, OcspStatusJson, SctJson } from './probe-json.ts';

export function ocspText(o: OcspStatusJson): string {
  if (o.status === 'unusable') return `unusable: ${o.problem ?? 'no status'}`;
  const revoked = o.status === 'revoked' ? ` since ${o.revokedAt}${o.reason ? ` (${o.reason})` : ''}` : '';
  const fresh = o.freshness && o.freshness !== 'current' ? ` (${o.freshness})` : '';
  return `${o.status}${revoked}; ${o.age ?? ''}${fresh}; ${o.signature?.text ?? ''}`;
}

export function crlText(c: CrlStatusJson): string {
  if (c.status === 'unusable') return `unusable: ${c.problem ?? 'no status'}`;
  if (c.status === 'revoked') return `revoked since ${c.revokedAt}${c.reason ? ` (${c.reason})` : ''}`;
  return `good: not listed (this update ${c.thisUpdate})`;
}

export const SCT_SOURCE: Record<SctJson['source'], string> = {
  certificate: 'in the certificate',
  'tls-extension': 'in a TLS extension',
  ocsp: 'in the OCSP response',
};

export const sctText = (s: SctJson): string => `${SCT_SOURCE[s.source]}: log ${s.logName ?? `${s.logId} (not in certlab's list)`} at ${s.timestamp}`;
