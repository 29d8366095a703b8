/**
 * Renders an InspectResult: problems first (errors before warnings, errors the loudest, the
 * parts that could not be read among them), the keystore answers and the host check, the chain
 * picture, one card per object with every field (from the shared describe.ts) — or, past
 * TABLE_FROM objects, a summary table whose rows open into those cards — key matches, and the
 * conversions with copy and download buttons and their openssl commands.
 */
import type { InspectResult } from '../../core/inspect/inspect.ts';
import type { InspectItem } from '../../core/inspect/result.ts';
import type { Finding } from '../../core/inspect/bundle.ts';
import type { HostCheck } from '../../core/clients/host-check.ts';
import type { Conversion } from '../../core/formats/convert.ts';
import { describeItem, isoTime } from '../../core/inspect/describe.ts';
import { encodeBase64 } from '../../core/der/base64.ts';
import { storeMatrixSection } from '../store-matrix.ts';
import { el, text } from '../dom.ts';
import { renderChain } from './chain-picture.ts';
import { inspectorFixPanel } from '../fix/inspector-fix.ts';

const RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_TEXT: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** Past this many objects the cards become a summary table (issue 14: the Debian bundle made 144 cards, a 149,000 px page). */
export const TABLE_FROM = 11;

/** Errors of items (unreadable parts, wrong passwords) as problems beside the findings. */
function itemProblems(r: InspectResult): { severity: Finding['severity']; kind: string; message: string; action: string }[] {
  return r.items.flatMap((it) => {
    const e = it.kind === 'error' ? it.error : 'error' in it ? it.error : undefined;
    return e ? [{ severity: 'error' as const, kind: e.kind, message: `[${it.index}] ${e.message}`, action: e.action }] : [];
  });
}

function findingsSection(r: InspectResult): HTMLElement | undefined {
  const all = [...itemProblems(r), ...r.findings.map((f) => ({ ...f, kind: f.kind as string }))];
  if (!all.length) return undefined;
  // errors first, then warnings, then notes; the order within each stays the core's
  const sorted = all.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i);
  const s = el('section', { class: 'insp-findings', 'aria-labelledby': 'insp-findings-h' });
  s.append(text('h2', 'Findings', { id: 'insp-findings-h' }));
  const ul = el('ul');
  for (const { f } of sorted) {
    const li = el('li', { class: `insp-finding insp-${f.severity}`, 'data-finding': f.kind, 'data-severity': f.severity });
    li.append(text('strong', `${SEVERITY_TEXT[f.severity]}: `, { class: 'insp-severity' }), text('span', f.message));
    const todo = el('p', { class: 'insp-action' }, text('strong', 'What to do: '), text('span', f.action));
    li.append(todo);
    if ('url' in f && f.url) li.append(text('p', `URL: ${f.url}`, { class: 'insp-note' }));
    ul.append(li);
  }
  s.append(ul);
  return s;
}

function keystoreSection(r: InspectResult): HTMLElement | undefined {
  if (!r.keystoreAnswers?.length) return undefined;
  const s = el('section', { class: 'insp-keystore', 'aria-labelledby': 'insp-keystore-h' });
  const leaf = r.items[r.keystoreAnswers[0].certificate];
  const name = leaf.kind === 'certificate' ? leaf.certificate.subject.oneline : `[${leaf.index}]`;
  s.append(text('h2', 'In the keystore?', { id: 'insp-keystore-h' }), text('p', `Asked for ${name} and the certificates on its path.`, { class: 'insp-note' }));
  const ul = el('ul');
  for (const q of r.keystoreAnswers) {
    const tone = q.answer.kind === 'not-on-path' ? 'no' : q.answer.kind === 'cannot-tell' ? 'unknown' : 'yes';
    ul.append(text('li', q.text, { class: `insp-answer insp-answer-${tone}`, 'data-answer': q.answer.kind }));
  }
  s.append(ul);
  return s;
}

function hostSection(h: HostCheck): HTMLElement {
  const s = el('section', { class: 'insp-host', 'aria-labelledby': 'insp-host-h' });
  s.append(
    text('h2', `Host ${h.host}`, { id: 'insp-host-h' }),
    text(
      'p',
      `Trusted roots: ${h.trust} (${h.anchors} certificate${h.anchors === 1 ? '' : 's'}). Each client checks the name with its own rule, then the whole chain.`,
      {
        class: 'insp-note',
      },
    ),
  );
  const table = el('table', { class: 'certlab-table insp-table insp-host-table' });
  table.append(
    el('thead', {}, el('tr', {}, text('th', 'Client', { scope: 'col' }), text('th', 'Name', { scope: 'col' }), text('th', 'Connects?', { scope: 'col' }))),
  );
  const body = el('tbody');
  for (const v of h.verdicts) {
    const names = v.namesCompared.length ? v.namesCompared.join(', ') : 'no name of this kind in the certificate';
    body.append(
      el(
        'tr',
        { 'data-client': v.client },
        text('th', v.label, { scope: 'row' }),
        text('td', `${v.nameMatches ? 'matches' : 'does not match'} (compares ${names})`, {
          class: v.nameMatches ? 'insp-ok' : 'insp-bad',
          'data-name': v.nameMatches ? 'matches' : 'mismatch',
        }),
        text('td', v.connects ? 'yes' : `no: ${v.message}`, { class: v.connects ? 'insp-ok' : 'insp-bad', 'data-connects': v.connects ? 'yes' : 'no' }),
      ),
    );
  }
  table.append(body);
  s.append(el('div', { class: 'certlab-table-wrap', role: 'region', 'aria-label': `Each client's verdict for ${h.host}`, tabindex: '0' }, table));
  return s;
}

function card(r: InspectResult, index: number): HTMLElement {
  const it = r.items[index];
  const d = describeItem(it);
  const a = el('article', {
    class: `certlab-card insp-card insp-card-${it.kind}`,
    'data-kind': it.kind,
    'data-index': String(index),
    'aria-labelledby': `insp-card-${index}`,
  });
  a.append(text('h3', `[${index}] ${d.title}`, { id: `insp-card-${index}` }), text('p', d.subtitle, { class: 'insp-note' }));
  const m = r.matches.find((x) => x.item === index);
  if (m) {
    const bits = [...m.certificates.map((i) => `certificate [${i}]`), ...m.csrs.map((i) => `CSR [${i}]`), ...m.privateKeys.map((i) => `private key [${i}]`)];
    a.append(
      text('p', bits.length ? `Same public key as ${bits.join(', ')}.` : 'Matches no other object here.', {
        class: `insp-match ${bits.length ? 'insp-match-yes' : 'insp-match-no'}`,
        'data-match': bits.length ? 'yes' : 'no',
      }),
    );
  }
  for (const s of d.sections) {
    if (!s.rows.length) continue;
    a.append(text('h4', s.title));
    const dl = el('dl', { class: 'insp-fields' });
    for (const row of s.rows) {
      const dd = el('dd', { 'data-field': row.label });
      row.value.forEach((v, i) => {
        if (i) dd.append(el('br'));
        dd.append(document.createTextNode(v));
      });
      dl.append(text('dt', row.label), dd);
    }
    a.append(dl);
  }
  return a;
}

function itemStatus(r: InspectResult, it: InspectItem): { text: string; level: 'ok' | 'warn' | 'bad' } {
  const mine = r.findings.filter((f) => f.items.includes(it.index) && f.severity !== 'info');
  const err = it.kind === 'error' ? it.error : 'error' in it ? it.error : undefined;
  if (err) return { text: err.message, level: 'bad' };
  const worst = mine.find((f) => f.severity === 'error') ?? mine[0];
  if (worst) return { text: worst.message, level: worst.severity === 'error' ? 'bad' : 'warn' };
  return { text: it.kind === 'certificate' ? it.validity.text : 'read', level: 'ok' };
}

function shortName(oneline: string): string {
  if (!oneline) return '(empty name)';
  const parts = oneline.split(', ');
  const cn = parts.find((p) => p.startsWith('CN='));
  return (cn ?? parts[parts.length - 1]).replace(/^[A-Za-z0-9.]+=/, '');
}

/** Many objects: one row each (subject, issuer, expiry, status); a row's button opens its card below it. */
function cardTable(r: InspectResult): HTMLElement {
  const table = el('table', { class: 'certlab-table insp-table insp-summary-table' });
  table.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        text('th', 'Object', { scope: 'col' }),
        text('th', 'Issuer', { scope: 'col' }),
        text('th', 'Expires', { scope: 'col' }),
        text('th', 'Status', { scope: 'col' }),
      ),
    ),
  );
  const body = el('tbody');
  for (const it of r.items) {
    const d = describeItem(it);
    const c = it.kind === 'certificate' ? it.certificate : undefined;
    const status = itemStatus(r, it);
    // the common name (or the last attribute) keeps a row to a line or two; the card has the whole name
    const open = text('button', `[${it.index}] ${c ? shortName(c.subject.oneline) : d.title}`, {
      type: 'button',
      class: 'insp-row-toggle',
      'aria-expanded': 'false',
      'aria-controls': `insp-row-card-${it.index}`,
    });
    const row = el(
      'tr',
      { 'data-index': String(it.index), 'data-kind': it.kind },
      el('th', { scope: 'row' }, open),
      text('td', c ? shortName(c.issuer.oneline) : '', { 'data-label': 'Issuer' }),
      text('td', c ? isoTime(c.notAfter).slice(0, 10) : '', { 'data-label': 'Expires' }),
      text('td', status.text, { class: `insp-status-${status.level}`, 'data-label': 'Status' }),
    );
    open.addEventListener('click', () => {
      const shown = open.getAttribute('aria-expanded') === 'true';
      open.setAttribute('aria-expanded', String(!shown));
      if (shown) {
        row.nextElementSibling?.remove();
        return;
      }
      // the card is built only when opened: a bundle of hundreds stays a short page
      const cell = el('td', { colspan: '4' }, card(r, it.index));
      row.after(el('tr', { id: `insp-row-card-${it.index}`, class: 'insp-row-card' }, cell));
    });
    body.append(row);
  }
  table.append(body);
  return el('div', { class: 'certlab-table-wrap', role: 'region', 'aria-label': 'Table of the objects found', tabindex: '0' }, table);
}

function download(c: Conversion): void {
  const blob = c.bytes ? new Blob([c.bytes as Uint8Array<ArrayBuffer>], { type: c.mime }) : new Blob([c.text ?? ''], { type: c.mime });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: c.filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function conversionsSection(r: InspectResult, status: (t: string) => void): HTMLElement | undefined {
  if (!r.conversions.length) return undefined;
  const s = el('section', { class: 'insp-conversions', 'aria-labelledby': 'insp-conv-h' });
  s.append(text('h2', 'Conversions', { id: 'insp-conv-h' }));
  // many conversions (one per certificate of a big bundle) stay folded, and are built when opened
  if (r.conversions.length >= TABLE_FROM) {
    const details = el('details', { class: 'insp-conversions-more' }, text('summary', `Show all ${r.conversions.length} conversions`));
    details.addEventListener('toggle', () => {
      if (details.open && details.children.length === 1) for (const c of r.conversions) details.append(conversionBlock(c, status));
    });
    s.append(details);
    return s;
  }
  for (const c of r.conversions) s.append(conversionBlock(c, status));
  return s;
}

/** The versioned trust stores on the pasted chain (only a chain or a single certificate; on request). */
function matrixFor(r: InspectResult): HTMLElement | null {
  if (!r.bundle || r.bundle.kind === 'trust-store') return null;
  const certificates = r.bundle.chain.flatMap((i) => {
    const item = r.items[i];
    return item?.kind === 'certificate' ? [item.certificate] : [];
  });
  return storeMatrixSection({ certificates }, 'insp');
}

function conversionBlock(c: Conversion, status: (t: string) => void): HTMLElement {
  const div = el('div', { class: 'insp-conversion', 'data-conversion': c.id });
  div.append(text('h3', `${c.title}: ${c.filename}`));
  if (c.containsPrivateKey) div.append(text('p', 'Contains the private key, unencrypted. Keep it secret.', { class: 'insp-warning' }));
  div.append(text('p', 'The same with openssl:', { class: 'insp-note' }), text('pre', c.command, { class: 'insp-command' }));
  const copy = text('button', `Copy ${c.bytes ? 'as base64' : 'text'}`, { type: 'button' });
  copy.addEventListener('click', () => {
    const value = c.bytes ? encodeBase64(c.bytes) : (c.text ?? '');
    navigator.clipboard?.writeText(value).then(
      () => status(`Copied ${c.filename}.`),
      () => status('The browser did not allow copying; use Download.'),
    );
  });
  const dl = text('button', `Download ${c.filename}`, { type: 'button' });
  dl.addEventListener('click', () => download(c));
  div.append(el('div', { class: 'insp-actions' }, copy, dl));
  return div;
}

export interface RenderExtras {
  /** The host check, when a host name was given. */
  host?: HostCheck;
  /** Why there is no host check although a host was given. */
  hostNote?: string;
}

export function renderResult(r: InspectResult, out: HTMLElement, status: (t: string) => void, extras: RenderExtras = {}): void {
  out.replaceChildren();
  if (!r.ok && r.error) {
    const e = r.error;
    const a = el('article', { class: 'certlab-card insp-card insp-card-error', 'data-kind': 'error' });
    a.append(text('h2', e.message), text('p', `Received: ${e.received}`), text('p', `Expected: ${e.expected}`), text('p', `What to do: ${e.action}`));
    out.append(a);
    return;
  }
  const host = extras.host ? hostSection(extras.host) : extras.hostNote ? text('p', extras.hostNote, { class: 'insp-note', 'data-host-note': '' }) : undefined;
  for (const part of [findingsSection(r), keystoreSection(r), host, renderChain(r), inspectorFixPanel(r), matrixFor(r)]) if (part) out.append(part);
  const cards = el('section', { class: 'insp-cards', 'aria-labelledby': 'insp-cards-h' });
  cards.append(text('h2', `Objects found (${r.items.length})`, { id: 'insp-cards-h' }));
  if (r.items.length >= TABLE_FROM) {
    cards.append(text('p', 'Open a row to see every field of that object.', { class: 'insp-note' }), cardTable(r));
  } else r.items.forEach((_, i) => cards.append(card(r, i)));
  out.append(cards);
  const conv = conversionsSection(r, status);
  if (conv) out.append(conv);
}
