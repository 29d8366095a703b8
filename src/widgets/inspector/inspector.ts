/**
 * <certlab-inspector>: paste, type or drop files (.pem .crt .cer .der .p7b .p12 .pfx .csr
 * .key); each object becomes a card with every field, the bundle's chain is drawn with
 * each link marked, findings say what to do, and conversions can be copied or
 * downloaded. Encrypted inputs ask for a password. The parser (and node-forge for legacy
 * PKCS#12) loads with a dynamic import on first use, never with the page, and nothing
 * is sent anywhere: everything runs in this tab.
 */
type Loaded = typeof import('./load.ts');

/** Same cap as the core's MAX_INPUT_BYTES (not imported, so the page stays free of core code). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

interface Picked { name: string; data: Uint8Array }

class CertlabInspector extends HTMLElement {
  #loading: Promise<Loaded> | undefined;
  #files: Picked[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('form[data-form]');
    const input = this.querySelector<HTMLTextAreaElement>('textarea[data-input]');
    const files = this.querySelector<HTMLInputElement>('input[data-files]');
    const clear = this.querySelector<HTMLButtonElement>('button[data-clear]');
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
      files.value = '';
    });
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
      this.#renderFileList();
      this.querySelector('[data-results]')?.replaceChildren();
      this.#status('Cleared.');
    });
    this.dataset.ready = 'true';
  }

  load(): Promise<Loaded> {
    this.#loading ??= import('./load.ts').then((m) => {
      this.dataset.loaded = 'true';
      return m;
    });
    return this.#loading;
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
    this.#status('Reading…');
    const { inspectFiles, renderResult, summaryText } = await this.load();
    const result = await inspectFiles(inputs, { subtle: crypto.subtle, at: Date.now(), password });
    if (seq !== this.#seq) return;
    renderResult(result, out, (t) => this.#status(t));
    this.#showPassword(result.needsPassword || password !== undefined);
    this.#status(result.needsPassword ? `${summaryText(result)} Something is locked: enter its password below and press Inspect.` : summaryText(result));
    if (result.needsPassword) this.querySelector<HTMLInputElement>('input[data-password-input]')?.focus();
    this.removeAttribute('aria-busy');
    this.dataset.runs = String(Number(this.dataset.runs ?? '0') + 1);
  }
}

if (!customElements.get('certlab-inspector')) customElements.define('certlab-inspector', CertlabInspector);
