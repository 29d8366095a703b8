/**
 * "Which trust stores accept this chain?" for the inspector: on request (the data is fetched
 * only then), the versioned trust stores judge the pasted chain, one sentence per platform,
 * failing platforms first. Text only (textContent).
 */
import type { Certificate } from '../core/model.ts';
import { clientProfile } from '../core/clients/profiles.ts';
import { trustMatrix } from '../core/trust/matrix.ts';
import { platformSentence } from '../core/trust/sentence.ts';
import { el } from './dom.ts';
import { browserTrustPool } from './trust-data.ts';

export interface MatrixChain {
  /** The leaf (or lowest certificate) first, then the rest of the chain as pasted. */
  certificates: Certificate[];
  /** The name to check, when the user gave one. */
  host?: string;
}

export function storeMatrixSection(chain: MatrixChain, uid: string): HTMLElement | null {
  const [peer, ...untrusted] = chain.certificates;
  if (!peer) return null;
  const id = `${uid}-stores`;
  const out = el('div', { id, 'aria-live': 'polite' });
  const button = el('button', { type: 'button', class: 'store-matrix-run', 'aria-controls': id }, 'Which trust stores accept this chain?');
  button.addEventListener('click', () => {
    button.disabled = true;
    out.replaceChildren(el('p', {}, 'Loading the trust stores (about 30 KB, then the roots this chain can reach)…'));
    void (async () => {
      try {
        const pool = await browserTrustPool();
        // The question is which roots each store holds: an expired leaf would make every version
        // fail on its date, so a chain whose leaf has expired is judged just before it did.
        const now = Date.now();
        const at = Math.min(now, peer.notAfter - 1000);
        const m = await trustMatrix({
          pool,
          peer,
          untrusted,
          ...(chain.host ? { peerName: chain.host } : {}),
          at,
          policy: clientProfile('openssl').policy,
          subtle: crypto.subtle,
        });
        const sorted = [...m].sort((a, b) => Number(a.newest.trusted) - Number(b.newest.trusted));
        out.replaceChildren(
          el(
            'ul',
            { class: 'store-matrix' },
            ...sorted.map((p) => el('li', { 'data-store': p.id, class: p.newest.trusted ? 'store-ok' : 'store-fail' }, platformSentence(p))),
          ),
          el(
            'p',
            { class: 'store-matrix-note' },
            `${at < now ? `Judged at ${new Date(at).toISOString().slice(0, 19)}Z, just before the leaf expired (it is expired now: a separate fault).` : 'Judged now.'} As OpenSSL-based clients check a chain, against ${pool.data.stores.map((s) => `${s.versions.length} versions of ${s.id}`).join(', ')}.`,
          ),
        );
      } catch (e) {
        out.replaceChildren(el('p', { role: 'alert' }, `The trust store data could not be loaded: ${(e as Error).message}`));
      } finally {
        button.disabled = false;
      }
    })();
  });
  return el('section', { class: 'store-matrix-section', 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h` }, 'Trust stores by version'), button, out);
}
