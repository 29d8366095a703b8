/**
 * The probe report's revocation and transparency list: the stapled OCSP response, Must-Staple,
 * the SCTs and, when asked for, the live OCSP and CRL answers. Text only (textContent).
 */
import type { RevocationJson } from '../../core/net/probe-json.ts';
import { crlText, ocspText, sctText } from '../../core/net/revocation-text.ts';
import { el } from '../dom.ts';

export function revocationSection(r: RevocationJson): HTMLElement {
  const item = (label: string, text: string) => el('li', {}, el('strong', {}, `${label}: `), text);
  const items = [
    item('OCSP staple', r.stapled ? ocspText(r.stapled) : 'none'),
    item('Must-Staple', r.mustStaple ? 'yes, the certificate requires a stapled response' : 'no'),
    item('Signed Certificate Timestamps', r.scts.length ? r.scts.map(sctText).join('; ') : 'none'),
  ];
  if (r.live) {
    if (r.live.skipped) items.push(item('Live check', r.live.skipped));
    for (const o of r.live.ocsp) items.push(item(`OCSP ${o.url ?? ''}`, ocspText(o)));
    for (const c of r.live.crl) items.push(item(`CRL ${c.url}`, crlText(c)));
  }
  return el('ul', { class: 'probe-revocation' }, ...items);
}
