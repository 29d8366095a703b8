/**
 * <certlab-simulator preset="leaf-only">: a form of failure-mode checkboxes (rendered by
 * Simulator.astro) and a Run button. Nothing heavy loads with the page: the first click or
 * toggle imports the generator and the validator (run.ts) and the view (render.ts); later
 * toggles re-run at once. The checked modes combine.
 */
import { scenarioForModes } from '../../core/sim/presets.ts';

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
    const failing = result.run.clients.filter((c) => c.fails).length;
    const label = modes.length ? scenario.title : 'A healthy chain';
    if (status) {
      status.textContent = `${label}: ${failing} of ${result.run.clients.length} clients fail. OpenSSL says ${result.run.openssl.code} (${result.run.openssl.text}).`;
    }
    this.dataset.runs = String(n);
  }
}

if (!customElements.get('certlab-simulator')) customElements.define('certlab-simulator', CertlabSimulator);
