/**
 * The report's sections for odd servers (issue 13): a required or requested client certificate
 * with the CA names the server accepts, a TLS 1.0/1.1-only server with which clients refuse it,
 * a port that speaks something other than TLS. Every value goes in through textContent.
 */
import type { ProbeAnalysisJson } from '../../core/net/probe-json.ts';
import { el } from '../dom.ts';

export function oddSections(r: ProbeAnalysisJson): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (r.notTls) {
    out.push(
      el('h3', {}, 'Not TLS'),
      el(
        'p',
        { class: 'probe-not-tls' },
        r.notTls.protocol === 'unknown' ? 'This port does not speak TLS.' : `This port speaks ${r.notTls.name}, not TLS.`,
        ' It sent: ',
        el('code', {}, r.notTls.firstLine),
      ),
    );
  }
  if (r.legacyTls) {
    const l = r.legacyTls;
    out.push(
      el('h3', {}, `Old TLS only: ${l.protocol}`),
      el(
        'p',
        {},
        `The server refused TLS 1.2 and 1.3. A second, read-only attempt offering TLS 1.0 and 1.1 got ${l.protocol}${l.cipher ? ` with ${l.cipher}` : ''}${
          l.chainFromThisAttempt ? '; the chain below was read from it' : ''
        }.`,
      ),
      el(
        'ul',
        { class: 'probe-legacy' },
        ...l.clients.map((c) =>
          el('li', { 'data-client': c.client, class: c.refuses ? 'probe-fail' : 'probe-ok' }, el('strong', {}, `${c.label}: `), c.reason),
        ),
      ),
    );
  }
  if (r.clientCert) {
    const c = r.clientCert;
    out.push(
      el('h3', {}, 'Client certificate'),
      el(
        'p',
        {},
        c.required
          ? 'The server requires a client certificate (mutual TLS): it closed the connection when the probe sent none.'
          : 'The server asks for a client certificate (mutual TLS) but accepted the connection without one.',
        c.authorities.length ? ' It accepts certificates issued by:' : ' It names no CA it accepts.',
      ),
      ...(c.authorities.length ? [el('ul', { class: 'probe-client-cas' }, ...c.authorities.map((a) => el('li', {}, a)))] : []),
    );
  }
  return out;
}
