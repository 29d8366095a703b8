/**
 * The bundle's chain as a picture: one box per certificate from the leaf up, with the
 * link between two boxes marked verified (✓) or broken (✗), and a missing issuer drawn as
 * a dashed box. The same facts follow as plain text (chainText) for screen readers and copy.
 */
import type { InspectResult } from '../../core/inspect/inspect.ts';
import { chainText } from '../../core/inspect/describe.ts';
import { el, text } from '../dom.ts';

const ROLE = { leaf: 'leaf', intermediate: 'intermediate', root: 'root' } as const;

export function renderChain(r: InspectResult): HTMLElement | undefined {
  const b = r.bundle;
  if (!b || b.chain.length === 0 || b.kind === 'trust-store') return undefined;
  const section = el('section', { class: 'insp-chain', 'aria-labelledby': 'insp-chain-h' });
  section.append(text('h2', 'Chain', { id: 'insp-chain-h' }));
  const pic = el('ol', { class: 'insp-chain-picture', 'aria-hidden': 'true' });
  b.chain.forEach((idx, k) => {
    const it = r.items[idx];
    if (it.kind !== 'certificate') return;
    const c = it.certificate;
    const box = el('li', { class: `insp-node insp-${c.role}`, 'data-index': String(idx) });
    box.append(
      text('span', ROLE[c.role], { class: 'insp-node-role' }),
      text('span', c.subject.oneline.split(', ').pop() ?? c.subject.oneline, { class: 'insp-node-name' }),
      text('span', it.validity.text, { class: 'insp-node-validity' }),
    );
    pic.append(box);
    const parent = b.chain[k + 1];
    if (parent !== undefined) {
      const link = b.links.find((l) => l.child === idx && l.parent === parent);
      const ok = link?.signature === 'valid';
      pic.append(
        text('li', ok ? '✓ signed by ↓' : '✗ signature broken', {
          class: `insp-link ${ok ? 'insp-link-ok' : 'insp-link-broken'}`,
          'data-link': ok ? 'verified' : 'broken',
        }),
      );
    } else if (!c.selfIssued) {
      const bad = r.findings.find((f) => f.kind === 'bad-signature' && f.items[0] === idx);
      const wrong = bad ? r.items[bad.items[1]] : undefined;
      if (wrong?.kind === 'certificate') {
        // the certificate in the input that has the issuer's name but not its key
        pic.append(text('li', '✗ signature broken', { class: 'insp-link insp-link-broken', 'data-link': 'broken' }));
        pic.append(
          text('li', `${wrong.certificate.subject.oneline.split(', ').pop()} [${wrong.index}]: same name, different key`, { class: 'insp-node insp-absent' }),
        );
        return;
      }
      const missing = r.findings.find((f) => f.kind === 'intermediate-missing');
      pic.append(
        text('li', missing ? '✗ issuer missing' : '… issuer not included', {
          class: `insp-link ${missing ? 'insp-link-broken' : 'insp-link-open'}`,
          'data-link': missing ? 'missing' : 'open',
        }),
      );
      pic.append(text('li', c.issuer.oneline.split(', ').pop() ?? c.issuer.oneline, { class: `insp-node insp-absent` }));
    }
  });
  section.append(pic);
  const lines = chainText(b, r.items);
  const top = r.items[b.chain[b.chain.length - 1]];
  if (top?.kind === 'certificate' && !top.certificate.selfIssued)
    lines.push(`${'  '.repeat(b.chain.length - 1)}  ↑ issued by ${top.certificate.issuer.oneline} (not in the input)`);
  section.append(
    text('p', 'The same chain as text:', { class: 'insp-note' }),
    text('pre', lines.join('\n'), { class: 'insp-chain-text', 'data-chain-text': '' }),
  );
  return section;
}
