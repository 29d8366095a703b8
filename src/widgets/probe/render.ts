/**
 * Renders the probe's JSON result as the evidence report: headline, what each client says,
 * the certificates exactly as sent, findings, the copyable evidence block and the email.
 * Every server-provided value goes in through textContent, never as HTML.
 */
import type { ProbeAnalysisJson } from '../../core/net/probe-json.ts';
import { whoActs } from '../../core/causes/who-acts.ts';
import { el } from '../dom.ts';
import { oddSections } from './render-odd.ts';
import { revocationSection } from './revocation.ts';
import { probeFixPanel } from '../fix/probe-fix.ts';

/** The probe's JSON (one definition, shared with the server). */
export type ProbeResultView = ProbeAnalysisJson;

function copyBlock(label: string, text: string, id: string): HTMLElement {
  const pre = el('pre', { id, class: 'probe-pre', tabindex: '0' }, text);
  const button = el('button', { type: 'button', 'aria-controls': id }, `Copy ${label}`);
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Select the text and copy it'),
    );
  });
  return el('div', { class: 'probe-copy' }, button, pre);
}

function verdictTable(v: NonNullable<ProbeResultView['verdicts']>): HTMLElement {
  const rows = Object.entries(v).flatMap(([id, r]) =>
    !r
      ? []
      : [
          el(
            'tr',
            { 'data-client': id, class: r.ok ? 'probe-ok' : 'probe-fail' },
            el('th', { scope: 'row' }, r.label),
            el('td', {}, r.ok ? 'connects' : 'fails'),
            el('td', {}, el('code', {}, r.ok ? '' : r.message)),
            el('td', { class: 'probe-store' }, r.store),
          ),
        ],
  );
  return el(
    'div',
    { class: 'certlab-table-wrap' },
    el(
      'table',
      { class: 'certlab-table probe-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'Client'),
          el('th', { scope: 'col' }, 'Result'),
          el('th', { scope: 'col' }, 'What it prints'),
          el('th', { scope: 'col' }, 'Trust store'),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}

/** Per platform and version: one sentence each, failing platforms first. */
function trustStoreList(stores: NonNullable<ProbeResultView['trustStores']>): HTMLElement {
  const sorted = [...stores].sort((a, b) => Number(a.trusted) - Number(b.trusted));
  return el('ul', { class: 'probe-stores' }, ...sorted.map((s) => el('li', { 'data-store': s.id, class: s.trusted ? 'probe-ok' : 'probe-fail' }, s.sentence)));
}

function presentedList(r: ProbeResultView): HTMLElement {
  const items = r.presented.map((c) =>
    el(
      'li',
      {},
      'error' in c
        ? `certificate ${c.index} could not be read: ${c.error}`
        : `${c.subject} — issued by ${c.issuer} — ${c.validity}${c.duplicateOf !== undefined ? ` — duplicate of #${c.duplicateOf}` : ''}`,
    ),
  );
  return el('ol', { class: 'probe-presented', start: '0' }, ...items);
}

/** The STARTTLS-style dialogue, server lines as text (S:) and the probe's own (C:). */
function transcriptBlock(lines: NonNullable<ProbeResultView['upgrade']>['transcript']): HTMLElement {
  return el('pre', { class: 'probe-pre probe-transcript', tabindex: '0' }, lines.map((l) => `${l.from === 'server' ? 'S' : 'C'}: ${l.text}`).join('\n'));
}

export function renderProbeResult(out: HTMLElement, r: ProbeResultView, uid: string): void {
  out.replaceChildren();
  const failing = r.verdicts ? Object.values(r.verdicts).some((v) => v && !v.ok) : true;
  out.append(
    el(
      'section',
      { class: `certlab-card probe-card ${failing || r.handshake.error ? 'probe-bad' : 'probe-good'}`, 'aria-labelledby': `${uid}-headline` },
      el('h3', { id: `${uid}-headline` }, r.headline),
      el(
        'p',
        { class: 'certlab-badges' },
        ...[
          r.upgrade?.description,
          r.liability && `who acts: ${whoActs(r.liability)}`,
          r.protocol,
          r.cipher,
          r.alpn && `ALPN ${r.alpn}`,
          r.ocspStapled ? 'OCSP stapled' : 'no OCSP stapling',
          r.clientCert?.required ? 'client certificate required' : r.clientCertRequested ? 'client certificate requested' : null,
          r.notTls && (r.notTls.protocol === 'unknown' ? 'not TLS' : `not TLS: ${r.notTls.name}`),
          `${r.ip}`,
          `handshake ${Math.round(r.timings.handshakeMs)} ms`,
        ]
          .filter((x): x is string => !!x)
          .map((t) => el('span', { class: 'certlab-badge probe-badge' }, t)),
      ),
      ...(r.handshake.error ? [el('p', { class: 'certlab-error' }, r.handshake.error.message)] : []),
    ),
  );
  out.append(...oddSections(r));
  if (r.upgrade?.transcript.length) out.append(el('h3', {}, 'Before TLS: the plain-text dialogue'), transcriptBlock(r.upgrade.transcript));
  if (r.verdicts) out.append(el('h3', {}, 'What each client says'), verdictTable(r.verdicts));
  if (r.trustStores?.length) out.append(el('h3', {}, 'Trust stores by version'), trustStoreList(r.trustStores));
  out.append(el('h3', {}, `The chain exactly as sent (${r.presented.length})`), presentedList(r));
  if (r.revocation) out.append(el('h3', {}, 'Revocation and transparency'), revocationSection(r.revocation));
  const notable = r.findings.filter((f) => f.severity !== 'info' || f.kind === 'root-included' || f.kind === 'client-cert-requested');
  if (notable.length) {
    out.append(
      el('h3', {}, 'Findings'),
      el(
        'ul',
        { class: 'probe-findings' },
        ...notable.map((f) => el('li', { 'data-severity': f.severity }, el('strong', {}, `${f.severity}: `), `${f.message}. `, f.action)),
      ),
    );
  }
  if (r.chainToServe) out.append(probeFixPanel(r, out));
  out.append(el('h3', {}, 'Evidence'), copyBlock('evidence', r.evidence, `${uid}-evidence`));
  if (r.email) {
    out.append(
      el('h3', {}, "Email to the server's administrators"),
      el('p', {}, el('strong', {}, 'Subject: '), r.email.subject),
      copyBlock('email', r.email.body, `${uid}-email`),
    );
  }
}

export function renderProbeError(out: HTMLElement, message: string): void {
  out.replaceChildren(el('p', { class: 'certlab-error', role: 'alert' }, message));
}
