/**
 * <certlab-decoder>: a paste box, the answer as a card, and the code table (rendered by
 * Decoder.astro, so it reads without JavaScript) made searchable. The decoder and its tables
 * load with a dynamic import on the first interaction, not with the page.
 * Ctrl+Enter (or Cmd+Enter) in the paste box decodes; the example buttons fill it and decode.
 */
import { addCopyButtons, copyLinkButton } from '../copy.ts';
import { takeHandover } from '../paste/handover.ts';

let seq = 0;

/** Longest text that goes into a link; longer logs are decoded but not linked. */
const MAX_LINKED = 4000;

type Decoder = typeof import('./load.ts');

class CertlabDecoder extends HTMLElement {
  #uid = `decoder${++seq}`;
  #loading: Promise<Decoder> | undefined;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('form[data-decode]');
    const input = this.querySelector<HTMLTextAreaElement>('textarea:not([data-evidence])');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.decode();
    });
    input?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.decode();
      }
    });
    // start loading the decoder as soon as the reader shows interest
    input?.addEventListener('focus', () => void this.load(), { once: true });
    for (const b of this.querySelectorAll<HTMLButtonElement>('button[data-example]')) {
      b.addEventListener('click', () => {
        if (input) input.value = b.dataset.example ?? '';
        void this.decode();
      });
    }
    const search = this.querySelector<HTMLInputElement>('input[data-search]');
    search?.addEventListener('input', () => this.filter(search.value));
    // ?text=… (or the older ?q=…): a shared decode, shown at once. A paste handed over from the
    // "paste anything" box (an s_client transcript) comes through sessionStorage, never the URL.
    const params = new URLSearchParams(location.search);
    const q = params.get('text') ?? params.get('q') ?? takeHandover('decoder');
    if (q && input) {
      input.value = q;
      void this.decode();
    }
    this.dataset.ready = 'true';
  }

  load(): Promise<Decoder> {
    this.#loading ??= import('./load.ts');
    return this.#loading;
  }

  async decode(): Promise<void> {
    const input = this.querySelector<HTMLTextAreaElement>('textarea:not([data-evidence])');
    const evidenceBox = this.querySelector<HTMLTextAreaElement>('textarea[data-evidence]');
    const out = this.querySelector<HTMLElement>('[data-answer]');
    const status = this.querySelector<HTMLElement>('[data-status]');
    if (!input || !out) return;
    const text = input.value;
    if (text.trim() === '') {
      if (status) status.textContent = 'Paste an error first: a code like 21, a name like CERT_HAS_EXPIRED, or a whole log.';
      return;
    }
    this.setAttribute('aria-busy', 'true');
    const { decode, readEvidence, renderAnswer } = await this.load();
    const evidenceText = evidenceBox?.value ?? '';
    const read = evidenceText.trim() ? readEvidence(evidenceText) : undefined;
    if (read && !read.ok) {
      this.removeAttribute('aria-busy');
      if (status) status.textContent = `Evidence not read: ${read.error}`;
      return;
    }
    const r = decode(text, { evidence: read?.ok ? [read.evidence] : [] });
    renderAnswer(out, r, this.#uid);
    addCopyButtons(out, '.decoder-next, .decoder-need-command');
    out.append(this.#link(text, read?.ok === true));
    this.removeAttribute('aria-busy');
    if (status) {
      status.textContent = !r.placed
        ? 'Could not place this error; the closest candidates are listed.'
        : `${out.querySelector('h3')?.textContent ?? ''}${r.code !== null ? `, OpenSSL code ${r.code}` : ''}${r.confidence === 'ambiguous' ? ' (ambiguous)' : ''}.`;
    }
    this.dataset.decoded = String(Number(this.dataset.decoded ?? '0') + 1);
  }

  /**
   * Writes the text into the page address (?text=) and offers it as a link. Texts with PEM
   * blocks (certificates may be private) or longer than MAX_LINKED stay out of the address.
   */
  #link(text: string, withEvidence: boolean): HTMLElement {
    const url = new URL(location.href);
    url.search = '';
    url.hash = '';
    if (/-----BEGIN /.test(text) || text.length > MAX_LINKED) {
      history.replaceState(null, '', url);
      const p = document.createElement('p');
      p.className = 'certlab-result-link';
      p.textContent = /-----BEGIN /.test(text)
        ? 'No link for this result: the text holds certificates, which stay out of links.'
        : `No link for this result: the text is longer than ${MAX_LINKED} characters. Paste only the error lines to get one.`;
      return p;
    }
    url.searchParams.set('text', text);
    history.replaceState(null, '', url);
    return copyLinkButton(
      () => url.href,
      withEvidence ? 'It holds the error text only: the evidence you added stays here.' : 'Opening it shows this result again.',
    );
  }

  /** Shows the table rows whose text contains every word of the query. */
  filter(query: string): void {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    const rows = this.querySelectorAll<HTMLTableRowElement>('tbody tr[data-code]');
    for (const row of rows) {
      const hay = row.dataset.search ?? row.textContent?.toLowerCase() ?? '';
      const match = words.every((w) => hay.includes(w));
      row.hidden = !match;
      if (match) shown++;
    }
    const count = this.querySelector<HTMLElement>('[data-count]');
    if (count) count.textContent = words.length ? `${shown} of ${rows.length} codes match.` : `${rows.length} codes.`;
  }
}

if (!customElements.get('certlab-decoder')) customElements.define('certlab-decoder', CertlabDecoder);
