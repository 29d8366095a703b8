/**
 * <certlab-inspector>: paste, type or drop files (.pem .crt .cer .der .p7b .p12 .pfx .csr
 * .key); each object becomes a card with every field, the bundle's chain is drawn with
 * each link marked, findings say what to do, and conversions can be copied or
 * downloaded. Encrypted inputs ask for a password. The parser (and node-forge for legacy
 * PKCS#12) loads on first use, never with the page, and runs in a Web Worker: a large paste
 * shows its progress (size and seconds) and can be cancelled, and the page stays usable.
 * Nothing is sent anywhere: everything runs in this tab.
 */
import { addCopyButtons } from '../copy.ts';
import { takeHandover } from '../paste/handover.ts';
import { certLinkRow, certsFromFragment } from './cert-link.ts';

type Loaded = typeof import('./load.ts');

/** Same cap as the core's MAX_INPUT_BYTES (not imported, so the page stays free of core code). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

interface Picked {
  name: string;
  data: Uint8Array;
}

type Answer =
  | { ok: true; result: import('../../core/inspect/result.ts').InspectResult; host?: import('../../core/clients/host-check.ts').HostCheck; hostNote?: string }
  | { ok: false; message: string }
  | { stopped: 'cancelled' | 'superseded' };

interface HostJob {
  name: string;
  trust: string;
  roots: string;
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`);

class CertlabInspector extends HTMLElement {
  #loading: Promise<Loaded> | undefined;
  #files: Picked[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  #worker: Promise<Worker> | undefined;
  /** Ends the run in flight (its worker is ended too: parsing cannot be interrupted otherwise). */
  #stop: ((why: 'cancelled' | 'superseded') => void) | undefined;
  #jobs = 0;
  #mozilla: Promise<string> | undefined;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('form[data-form]');
    const input = this.querySelector<HTMLTextAreaElement>('textarea[data-input]');
    const files = this.querySelector<HTMLInputElement>('input[data-files]');
    const clear = this.querySelector<HTMLButtonElement>('button[data-clear]');
    this.querySelector<HTMLButtonElement>('button[data-cancel]')?.addEventListener('click', () => this.#stop?.('cancelled'));
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run();
    });
    input?.addEventListener('focus', () => void this.load(), { once: true });
    input?.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.run(), 300);
    });
    input?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.run();
      }
    });
    files?.addEventListener('change', () => {
      void this.addFiles(Array.from(files.files ?? []));
      // the list beside the button names the files; the input itself is emptied so the same file can be chosen again
      files.value = '';
    });
    const trust = this.querySelector<HTMLSelectElement>('select[data-trust]');
    const showRoots = () => {
      const box = this.querySelector<HTMLElement>('[data-roots]');
      if (box) box.hidden = trust?.value !== 'pasted';
    };
    trust?.addEventListener('change', showRoots);
    showRoots();
    this.addEventListener('dragover', (e) => {
      e.preventDefault();
      this.classList.add('insp-dragging');
    });
    this.addEventListener('dragleave', () => this.classList.remove('insp-dragging'));
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      this.classList.remove('insp-dragging');
      void this.addFiles(Array.from(e.dataTransfer?.files ?? []));
    });
    clear?.addEventListener('click', () => {
      this.#files = [];
      if (input) input.value = '';
      const pw = this.querySelector<HTMLInputElement>('input[data-password-input]');
      if (pw) pw.value = '';
      this.#showPassword(false);
      const host = this.querySelector<HTMLInputElement>('input[data-host]');
      if (host) host.value = '';
      this.#renderFileList();
      this.querySelector('[data-results]')?.replaceChildren();
      this.#status('Cleared.');
    });
    this.dataset.ready = 'true';
    // A paste handed over by the "paste anything" box (sessionStorage, never the URL).
    // …or certificates from a link the reader made on purpose (#certs=, never keys).
    const handed = takeHandover('inspector') ?? certsFromFragment(location.hash);
    if (handed && input) {
      input.value = handed;
      void this.run();
    }
  }

  load(): Promise<Loaded> {
    this.#loading ??= import('./load.ts').then(async (m) => {
      this.#worker ??= m.startInspectWorker();
      await this.#worker;
      this.dataset.loaded = 'true';
      return m;
    });
    return this.#loading;
  }

  /**
   * Parses in the worker. Cancel ends the run in flight and its worker (parsing cannot be
   * interrupted otherwise); a newer run does the same to a run that has gone on for more than
   * a second, and otherwise lets it finish in the worker and ignores its answer.
   */
  async #parse(m: Loaded, inputs: { name: string; data: string | Uint8Array }[], password: string | undefined, host: HostJob | undefined): Promise<Answer> {
    this.#stop?.('superseded');
    const worker = await (this.#worker ??= m.startInspectWorker());
    const id = ++this.#jobs;
    const started = performance.now();
    return new Promise<Answer>((resolve) => {
      const done = (a: Answer) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (this.#stop === stop) this.#stop = undefined;
        resolve(a);
      };
      const onMessage = (e: MessageEvent<(Answer & { id: number }) | { ready: true }>) => {
        if ('id' in e.data && e.data.id === id) done(e.data);
      };
      const stop = (why: 'cancelled' | 'superseded') => {
        if (why === 'cancelled' || performance.now() - started > 1000) {
          worker.terminate();
          this.#worker = undefined;
        }
        done({ stopped: why });
      };
      // A worker that dies (out of memory, an uncaught error) answers nothing: end the run, and start a new worker next time.
      const onError = (e: ErrorEvent) => {
        worker.terminate();
        if (this.#worker) this.#worker = undefined;
        done({ ok: false, message: e.message || 'the parser stopped unexpectedly' });
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      this.#stop = stop;
      worker.postMessage({ id, inputs, at: Date.now(), ...(password !== undefined ? { password } : {}), ...(host ? { host } : {}) });
    });
  }

  async addFiles(list: File[]): Promise<void> {
    const tooBig = list.filter((f) => f.size > MAX_FILE_BYTES);
    for (const f of list) if (f.size <= MAX_FILE_BYTES) this.#files.push({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) });
    if (tooBig.length) {
      // not even read: the core's 10 MB cap would refuse it anyway
      this.#status(`${tooBig.map((f) => f.name).join(', ')}: more than 10 MB, not read. A certificate bundle is rarely more than a few hundred kilobytes.`);
      if (tooBig.length === list.length) return;
    }
    this.#renderFileList();
    await this.run();
  }

  #renderFileList(): void {
    const names = this.querySelector('[data-file-names]');
    if (names) names.textContent = this.#files.length ? `${this.#files.length} file${this.#files.length > 1 ? 's' : ''} chosen:` : 'No files chosen.';
    const ul = this.querySelector('[data-file-list]');
    if (!ul) return;
    ul.replaceChildren(
      ...this.#files.map((f) => {
        const li = document.createElement('li');
        li.textContent = `${f.name} (${f.data.length} bytes)`;
        return li;
      }),
    );
  }

  #status(t: string): void {
    const s = this.querySelector('[data-status]');
    if (s) s.textContent = t;
  }

  #showPassword(show: boolean): void {
    const box = this.querySelector<HTMLElement>('[data-password]');
    if (box) box.hidden = !show;
  }

  /** The host check asked for, with the roots to trust as PEM text; the Mozilla list is fetched from this site once. */
  async #hostJob(): Promise<HostJob | undefined> {
    const name = this.querySelector<HTMLInputElement>('input[data-host]')?.value.trim() ?? '';
    if (!name) return undefined;
    const choice = this.querySelector<HTMLSelectElement>('select[data-trust]');
    if (choice?.value === 'pasted') {
      const roots = this.querySelector<HTMLTextAreaElement>('textarea[data-roots-input]')?.value ?? '';
      const n = (roots.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
      return { name, trust: n ? `${n} pasted root${n > 1 ? 's' : ''}` : 'no roots (none pasted)', roots };
    }
    // Loaded only when a versioned store is chosen: the data and its code stay off the first paint.
    if (choice?.value.startsWith('store:')) return { name, ...(await (await import('./store-roots.ts')).storeRoots(choice.value.slice('store:'.length))) };
    const url = this.dataset.mozillaUrl ?? '/trust/mozilla-roots.pem';
    this.#mozilla ??= fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url} answered ${r.status}`);
      return r.text();
    });
    try {
      return { name, trust: 'the Mozilla root list (as Node and Python certifi ship it)', roots: await this.#mozilla };
    } catch (e) {
      this.#mozilla = undefined;
      return { name, trust: `no roots: the Mozilla list could not be loaded (${(e as Error).message})`, roots: '' };
    }
  }

  async run(): Promise<void> {
    const text = this.querySelector<HTMLTextAreaElement>('textarea[data-input]')?.value ?? '';
    const password = this.querySelector<HTMLInputElement>('input[data-password-input]')?.value || undefined;
    const inputs = [...(text.trim() ? [{ name: 'pasted.pem', data: text }] : []), ...this.#files];
    const out = this.querySelector<HTMLElement>('[data-results]');
    if (!out) return;
    if (!inputs.length) {
      out.replaceChildren();
      this.#status('Paste something or choose files.');
      return;
    }
    const seq = ++this.#seq;
    this.setAttribute('aria-busy', 'true');
    const bytes = inputs.reduce((n, i) => n + i.data.length, 0);
    const started = performance.now();
    const tick = () => this.#status(`Reading ${size(bytes)}… ${Math.round((performance.now() - started) / 1000)} s`);
    tick();
    const ticker = setInterval(tick, 1000);
    const cancel = this.querySelector<HTMLButtonElement>('button[data-cancel]');
    if (cancel) cancel.hidden = false;
    const m = await this.load();
    const host = await this.#hostJob();
    const answer = await this.#parse(m, inputs, password, host);
    clearInterval(ticker);
    if (seq !== this.#seq) return;
    if (cancel) cancel.hidden = true;
    this.removeAttribute('aria-busy');
    if ('stopped' in answer) {
      this.#status(`Cancelled after ${Math.round((performance.now() - started) / 1000)} s; nothing was read. Inspect starts again.`);
      return;
    }
    if (!answer.ok) {
      this.#status(`The inspector failed: ${answer.message}`);
      this.dataset.runs = String(Number(this.dataset.runs ?? '0') + 1);
      return;
    }
    const { renderResult, summaryText } = m;
    const result = answer.result;
    renderResult(result, out, (t) => this.#status(t), { host: answer.host, hostNote: answer.hostNote });
    addCopyButtons(out, '.insp-command');
    const linkRow = certLinkRow(result);
    if (linkRow) out.prepend(linkRow);
    // a link made for other certificates no longer describes this page
    if (certsFromFragment(location.hash) !== undefined && certsFromFragment(location.hash) !== text)
      history.replaceState(null, '', location.pathname + location.search);
    this.#showPassword(result.needsPassword || password !== undefined);
    const pw = this.querySelector<HTMLInputElement>('input[data-password-input]');
    const wrong =
      password !== undefined && result.items.some((it) => 'error' in it && (it.error?.kind === 'WrongPassword' || it.error?.kind === 'WrongKeystorePassword'));
    if (wrong && pw) {
      // a wrong password is not left in the field to be sent again
      pw.value = '';
      this.#status(
        `${summaryText(result)} Wrong password: it did not open the file. The Password field above is now empty: type the password again and press Inspect.`,
      );
    } else
      this.#status(
        result.needsPassword
          ? `${summaryText(result)} Something is locked: type its password in the Password field above and press Inspect.`
          : summaryText(result),
      );
    if (result.needsPassword) pw?.focus();
    this.dataset.runs = String(Number(this.dataset.runs ?? '0') + 1);
  }
}

if (!customElements.get('certlab-inspector')) customElements.define('certlab-inspector', CertlabInspector);
