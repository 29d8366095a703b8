/**
 * Renders an InspectResult: findings with what to do, the chain picture, one card per
 * object with every field (from the shared describe.ts), key matches, and the
 * conversions with copy and download buttons and their openssl commands.
 */
import type { InspectResult } from '../../core/inspect/inspect.ts';
import type { Conversion } from '../../core/formats/convert.ts';
import { describeItem } from '../../core/inspect/describe.ts';
import { encodeBase64 } from '../../core/der/base64.ts';
import { storeMatrixSection } from '../store-matrix.ts';
import { el, text } from '../dom.ts';
import { renderChain } from './chain-picture.ts';
import { inspectorFixPanel } from '../fix/inspector-fix.ts';

function findingsSection(r: InspectResult): HTMLElement | undefined {
  if (!r.findings.length) return undefined;
  const s = el('section', { class: 'insp-findings', 'aria-labelledby': 'insp-findings-h' });
  s.append(text('h2', 'Findings', { id: 'insp-findings-h' }));
  const ul = el('ul');
  for (const f of r.findings) {
    const li = el('li', { class: `insp-finding insp-${f.severity}`, 'data-finding': f.kind });
    li.append(text('strong', `${f.severity}: `), text('span', f.message));
    const todo = el('p', { class: 'insp-action' }, text('strong', 'What to do: '), text('span', f.action));
    li.append(todo);
    if (f.url) li.append(text('p', `URL: ${f.url}`, { class: 'insp-note' }));
    ul.append(li);
  }
  s.append(ul);
  return s;
}

function card(r: InspectResult, index: number): HTMLElement {
  const it = r.items[index];
  const d = describeItem(it);
  const a = el('article', {
    class: `insp-card insp-card-${it.kind}`,
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
  for (const c of r.conversions) {
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
    s.append(div);
  }
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

export function renderResult(r: InspectResult, out: HTMLElement, status: (t: string) => void): void {
  out.replaceChildren();
  if (!r.ok && r.error) {
    const e = r.error;
    const a = el('article', { class: 'insp-card insp-card-error', 'data-kind': 'error' });
    a.append(text('h2', e.message), text('p', `Received: ${e.received}`), text('p', `Expected: ${e.expected}`), text('p', `What to do: ${e.action}`));
    out.append(a);
    return;
  }
  for (const part of [findingsSection(r), renderChain(r), inspectorFixPanel(r), matrixFor(r)]) if (part) out.append(part);
  const cards = el('section', { class: 'insp-cards', 'aria-labelledby': 'insp-cards-h' });
  cards.append(text('h2', `Objects found (${r.items.length})`, { id: 'insp-cards-h' }));
  r.items.forEach((_, i) => cards.append(card(r, i)));
  out.append(cards);
  const conv = conversionsSection(r, status);
  if (conv) out.append(conv);
}
