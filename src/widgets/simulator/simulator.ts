/**
 * <certlab-simulator preset="leaf-only">: a form of failure-mode checkboxes (rendered by
 * Simulator.astro) and a Run button. Nothing heavy loads with the page: the first click or
 * toggle imports the generator and the validator (run.ts) and the view (render.ts); later
 * toggles re-run at once. The checked modes combine.
 */
import { scenarioForModes } from '../../core/sim/presets.ts';
import { addCopyButtons, copyLinkButton } from '../copy.ts';

/** The tool page's address for these modes and key: opening it ticks them and runs (#14). */
export function simulatorLink(modes: string[], key: string | undefined, base: string): string {
  const url = new URL('/tools/simulator/', base);
  url.searchParams.set('modes', modes.join(',')); // "?modes=" too: a healthy chain, run on open
  if (key && key !== 'P-256') url.searchParams.set('key', key);
  return url.href;
}

let seq = 0;

class CertlabSimulator extends HTMLElement {
  #runs = 0;
  #started = false;
  #uid = `sim${++seq}`;

  connectedCallback(): void {
    // preset="leaf-only,expired-leaf": the modes ticked at first (the Astro wrapper also renders them checked).
    const preset = (this.getAttribute('preset') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const input of this.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
      if (preset.includes(input.value)) input.checked = true;
    }
    const form = this.querySelector('form');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run();
    });
    form?.addEventListener('change', () => {
      if (this.#started) void this.run();
    });
    this.dataset.ready = 'true';
    // ?modes=leaf-only,expired-leaf&key=P-384 on the tool page: a shared result, run at once.
    const params = new URLSearchParams(location.search);
    if (this.hasAttribute('data-permalink') && (params.has('modes') || params.has('key'))) {
      const wanted = (params.get('modes') ?? '').split(',');
      for (const input of this.querySelectorAll<HTMLInputElement>('input[name="mode"]')) input.checked = wanted.includes(input.value);
      const select = this.querySelector<HTMLSelectElement>('select[name="key"]');
      const key = params.get('key');
      if (select && key && [...select.options].some((o) => o.value === key)) select.value = key;
      void this.run();
    }
  }

  /** The checked mode ids, in the order of the form. */
  modes(): string[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[name="mode"]:checked')].map((i) => i.value);
  }

  async run(): Promise<void> {
    this.#started = true;
    const n = ++this.#runs;
    const status = this.querySelector<HTMLElement>('[data-status]');
    const out = this.querySelector<HTMLElement>('[data-output]');
    if (!out) return;
    const modes = this.modes();
    if (status) status.textContent = 'Generating keys and certificates in your browser…';
    this.setAttribute('aria-busy', 'true');
    const [{ runScenario }, view] = await Promise.all([import('./run.ts'), import('./render.ts')]);
    const key = this.querySelector<HTMLSelectElement>('select[name="key"]')?.value;
    const { scenario } = scenarioForModes(modes, key === 'P-384' || key === 'RSA-2048' ? { key } : {});
    let result: Awaited<ReturnType<typeof runScenario>>;
    try {
      result = await runScenario(scenario, Date.now());
    } catch (e) {
      result = { ok: false, error: { kind: 'sign-unsupported', id: '?', hash: 'SHA-256', cause: String(e), message: `The simulation failed: ${String(e)}` } };
    }
    if (n !== this.#runs) return; // a newer run started meanwhile
    this.removeAttribute('aria-busy');
    if (!result.ok) {
      view.renderError(out, result.error.message);
      if (status) status.textContent = result.error.message;
      return;
    }
    view.renderRun(out, result.run, this.#uid, Number(this.dataset.headingLevel ?? 3));
    const link = simulatorLink(modes, key, location.href);
    if (this.hasAttribute('data-permalink')) history.replaceState(null, '', link);
    out.prepend(copyLinkButton(() => link, 'Opening it runs the same modes again, with fresh keys.'));
    addCopyButtons(out, '.sim-cmd, .sim-fix pre, .sim-repro pre');
    const failing = result.run.clients.filter((c) => c.fails).length;
    const label = modes.length ? scenario.title : 'A healthy chain';
    if (status) {
      status.textContent = `${label}: ${failing} of ${result.run.clients.length} clients fail. OpenSSL says ${result.run.openssl.code} (${result.run.openssl.text}).`;
    }
    this.dataset.runs = String(n);
  }
}

if (!customElements.get('certlab-simulator')) customElements.define('certlab-simulator', CertlabSimulator);
