/**
 * The probe report's revocation and transparency list: the stapled OCSP response, Must-Staple,
 * the SCTs and, when asked for, the live OCSP and CRL answers. Text only (textContent).
 */
import type { CrlStatusJson, OcspStatusJson, RevocationJson } from '../../core/net/probe-json.ts';
import { el } from '../dom.ts';

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

const SOURCE = { certificate: 'in the certificate', 'tls-extension': 'in a TLS extension', ocsp: 'in the OCSP response' } as const;

export function revocationSection(r: RevocationJson): HTMLElement {
  const item = (label: string, text: string) => el('li', {}, el('strong', {}, `${label}: `), text);
  const items = [
    item('OCSP staple', r.stapled ? ocspText(r.stapled) : 'none'),
    item('Must-Staple', r.mustStaple ? 'yes, the certificate requires a stapled response' : 'no'),
    item(
      'Signed Certificate Timestamps',
      r.scts.length
        ? r.scts.map((s) => `${SOURCE[s.source]}: log ${s.logName ?? `${s.logId} (not in certlab's list)`} at ${s.timestamp}`).join('; ')
        : 'none',
    ),
  ];
  if (r.live) {
    if (r.live.skipped) items.push(item('Live check', r.live.skipped));
    for (const o of r.live.ocsp) items.push(item(`OCSP ${o.url ?? ''}`, ocspText(o)));
    for (const c of r.live.crl) items.push(item(`CRL ${c.url}`, crlText(c)));
  }
  return el('ul', { class: 'probe-revocation' }, ...items);
}
