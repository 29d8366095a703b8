/**
 * Draws a decoder answer as a card: the cause, who must act and what each side does, the
 * OpenSSL code with a link to its reference page, the command that confirms it, the lesson,
 * and the other readings when the text is ambiguous. Every value goes in with textContent.
 */
import { CAUSES } from '../../core/causes/causes.ts';
import { whoActs } from '../../core/causes/who-acts.ts';
import type { DecodeResult } from '../../core/decoder/decode.ts';
import { printedBy } from '../../core/decoder/printed-by.ts';
import { el } from '../dom.ts';

const CONFIDENCE: Record<DecodeResult['confidence'], string> = {
  high: 'high',
  medium: 'medium: the likely reading, with the others it could be',
  ambiguous: 'ambiguous: the text cannot tell its candidates apart',
};

export function referenceHref(code: number): string {
  return `/reference/verify/${code}/`;
}

export function renderAnswer(out: HTMLElement, r: DecodeResult, uid: string): void {
  const titleId = `${uid}-title`;
  const card = el('article', {
    class: `certlab-card decoder-card decoder-${r.confidence}`,
    'aria-labelledby': titleId,
    'data-cause': r.cause,
    'data-confidence': r.confidence,
  });
  card.append(
    el('h3', { id: titleId }, r.headline),
    el(
      'p',
      { class: 'certlab-badges decoder-badges' },
      el('span', { class: 'certlab-badge decoder-badge' }, `confidence: ${CONFIDENCE[r.confidence]}`),
      ...(r.client ? [el('span', { class: 'certlab-badge decoder-badge' }, `printed by: ${printedBy(r.client)}`)] : []),
    ),
    el('p', {}, r.explanation),
  );

  const dl = el('dl', { class: 'certlab-fields' });
  if (r.code !== null) {
    const link = el('a', { href: referenceHref(r.code) }, `${r.code} ${r.name ?? ''}`);
    dl.append(el('dt', {}, 'OpenSSL code'), el('dd', {}, link, r.text ? ` (“${r.text}”)` : '', r.numbering ? `, OpenSSL ${r.numbering} numbering` : ''));
  }
  dl.append(el('dt', {}, 'Who has to act'), el('dd', { 'data-liability': r.liability }, whoActs(r.liability)));
  dl.append(el('dt', {}, 'Server side'), el('dd', {}, r.actions.server));
  dl.append(el('dt', {}, 'Client side'), el('dd', {}, r.actions.client));
  card.append(dl);

  if (r.note) card.append(el('p', { class: 'decoder-note', role: 'note' }, r.note));

  if (r.candidates.length) {
    const list = el('ul', { class: 'decoder-candidates' });
    for (const c of r.candidates) {
      const li = el('li', { 'data-cause': c.cause }, el('strong', {}, CAUSES[c.cause].title));
      if (c.code !== null) li.append(' — ', el('a', { href: referenceHref(c.code) }, `code ${c.code}`));
      li.append(el('span', { class: 'decoder-why' }, ` ${c.why}`));
      if (c.tell) li.append(el('p', { class: 'decoder-tell' }, 'Tell it apart: ', el('code', {}, c.tell)));
      list.append(li);
    }
    card.append(el('h4', {}, !r.placed ? 'Closest candidates' : r.confidence === 'high' ? 'Reading' : 'Candidates, most likely first'), list);
  }
  if (r.evidence) card.append(el('p', { class: 'decoder-evidence', 'data-evidence': r.evidence.kind }, `Evidence (${r.evidence.kind}): ${r.evidence.finding}`));
  if (r.evidence_needed) {
    card.append(
      el('h4', {}, 'Paste this next'),
      el('p', { class: 'decoder-need' }, r.evidence_needed.what),
      el('pre', { class: 'decoder-need-command' }, el('code', {}, r.evidence_needed.command)),
    );
  }

  card.append(el('h4', {}, 'Confirm it'), el('pre', { class: 'decoder-next' }, el('code', {}, r.next)));
  if (!r.host) card.append(el('p', { class: 'decoder-hint' }, "Replace HOST with the server's name (no host name was found in the text)."));
  const page = /^\/lessons\/([^/]+)\//.exec(r.lesson)?.[1] ?? 'lesson';
  const pageTitle = page.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  card.append(el('p', {}, 'Read the lesson: ', el('a', { href: r.lesson }, pageTitle)));

  if (r.findings.length > 1) {
    const details = el('details', {}, el('summary', {}, `Everything recognised in the text (${r.findings.length})`));
    const ol = el('ol', { class: 'decoder-findings' });
    for (const f of r.findings) {
      const what = f.code !== null ? `${f.code} ${f.name}` : f.cause === 'from-code' ? 'a verify code' : CAUSES[f.cause].title;
      ol.append(
        el('li', {}, el('code', {}, f.match), ` → ${what}${f.depth !== null ? ` at depth ${f.depth}` : ''}${f.client ? ` (${printedBy(f.client)})` : ''}`),
      );
    }
    details.append(ol);
    card.append(details);
  }
  out.replaceChildren(card);
}
