/**
 * <certlab-paste>: the "paste anything" box of the home page and /tools/. It says which tool a
 * paste is for (core/inspect/classify-paste.ts, loaded on first input) and hands it over:
 *   an error text  -> /tools/decoder/?text=…      (in the link: it is what the reader pasted)
 *   a host         -> /tools/probe/?host=…&port=…
 *   certificates, keys, .p12, s_client output -> sessionStorage, then the tool page reads it
 *                     once (certificates may be private: never in a URL).
 */
import type { PasteClass } from '../../core/inspect/classify-paste.ts';
import { handOver, type HandoverTool } from './handover.ts';

type Classifier = typeof import('../../core/inspect/classify-paste.ts');

/** Error texts longer than this go through sessionStorage instead of the link. */
const MAX_IN_URL = 4000;

class CertlabPaste extends HTMLElement {
  #classifier: Promise<Classifier> | undefined;
  #seq = 0;

  connectedCallback(): void {
    const input = this.querySelector<HTMLTextAreaElement>('textarea');
    const form = this.querySelector('form');
    input?.addEventListener('focus', () => void this.#load(), { once: true });
    input?.addEventListener('input', () => void this.#classify());
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#go((e as SubmitEvent).submitter?.getAttribute('data-go') as HandoverTool | 'probe' | null);
    });
    const file = this.querySelector<HTMLInputElement>('input[data-file]');
    file?.addEventListener('change', () => void this.#openFile(file.files?.[0]));
    input?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.#go(null);
      }
    });
    this.dataset.ready = 'true';
  }

  #load(): Promise<Classifier> {
    this.#classifier ??= import('../../core/inspect/classify-paste.ts');
    return this.#classifier;
  }

  async #classify(): Promise<PasteClass> {
    const n = ++this.#seq;
    const text = this.querySelector('textarea')?.value ?? '';
    const { classifyPaste, describePaste } = await this.#load();
    const c = classifyPaste(text);
    if (n !== this.#seq) return c;
    this.dataset.route = c.route;
    const hint = this.querySelector<HTMLElement>('[data-hint]');
    const primary = this.querySelector<HTMLButtonElement>('button[data-primary]');
    const second = this.querySelector<HTMLButtonElement>('button[data-go="decoder"]');
    const LABELS = { inspector: 'Open in the inspector', decoder: 'Decode this error', probe: 'Probe this server', both: 'Inspect the chain', none: 'Go' };
    if (hint) hint.textContent = c.route === 'none' ? 'Paste something: it goes to the right tool.' : `This looks like ${describePaste(c)}.`;
    if (primary) primary.textContent = LABELS[c.route];
    if (second) second.hidden = c.route !== 'both';
    return c;
  }

  /** A file goes to the inspector: text as it is, binary (DER, .p12) as base64, through sessionStorage. */
  async #openFile(f: File | undefined): Promise<void> {
    if (!f) return;
    const bytes = new Uint8Array(await f.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let content = text;
    if (!text.includes('-----BEGIN ')) {
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      content = btoa(bin);
    }
    const hint = this.querySelector<HTMLElement>('[data-hint]');
    if (!handOver('inspector', content)) {
      if (hint) hint.textContent = 'This browser keeps no session storage here: open the inspector and choose the file there.';
      return;
    }
    location.assign('/tools/inspector/');
  }

  async #go(chosen: HandoverTool | 'probe' | null): Promise<void> {
    const text = this.querySelector('textarea')?.value ?? '';
    const c = await this.#classify();
    const hint = this.querySelector<HTMLElement>('[data-hint]');
    if (c.route === 'none') {
      this.querySelector('textarea')?.focus();
      return;
    }
    const route = chosen === 'decoder' ? 'decoder' : c.route === 'both' ? 'inspector' : c.route;
    let target: string;
    if (route === 'probe' && c.route === 'probe') {
      const q = new URLSearchParams({ host: c.host });
      if (c.portGiven) q.set('port', String(c.port));
      target = `/tools/probe/?${q}`;
    } else if (route === 'decoder' && c.route === 'decoder' && text.length <= MAX_IN_URL) {
      target = `/tools/decoder/?${new URLSearchParams({ text: text.trim() })}`;
    } else {
      const tool = route === 'decoder' ? 'decoder' : 'inspector';
      if (!handOver(tool, text)) {
        if (hint) hint.textContent = 'This browser keeps no session storage here: open the tool and paste there.';
        return;
      }
      target = `/tools/${tool}/`;
    }
    location.assign(target);
  }
}

if (!customElements.get('certlab-paste')) customElements.define('certlab-paste', CertlabPaste);
