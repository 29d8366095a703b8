/**
 * <certlab-sandbox>: a scenario as JSON, edited in a plain textarea or (on request) in Monaco
 * with the scenario schema; Run generates the certificates and shows the simulator's results.
 * The scenario lives in the URL fragment (no keys: they are made fresh on every run).
 * Monaco, x509 and the validator are all loaded by dynamic import, only when used.
 */
import { scenarioForModes } from '../../core/sim/presets.ts';
import { parseScenarioText } from '../../core/sim/scenario.ts';
import { readFragment, scenarioToFragment } from '../../core/sim/scenario-url.ts';
import type { ScenarioEditor } from './monaco.ts';
import { addCopyButtons, copyLinkButton } from '../copy.ts';

class CertlabSandbox extends HTMLElement {
  #editor: ScenarioEditor | undefined;
  #opening: Promise<void> | undefined;
  #runs = 0;

  #q<T extends HTMLElement>(sel: string): T | null {
    return this.querySelector<T>(sel);
  }

  connectedCallback(): void {
    const text = this.#q<HTMLTextAreaElement>('textarea[data-text]');
    const preset = this.#q<HTMLSelectElement>('select[data-preset]');
    const frag = readFragment(location.hash);
    if (frag.kind === 'modes') {
      const { scenario, unknown } = scenarioForModes(frag.modes);
      this.#setText(JSON.stringify(scenario, null, 2));
      if (preset && frag.modes.length === 1 && unknown.length === 0) preset.value = frag.modes[0]!;
      if (unknown.length) this.#status(`The link names unknown failure modes (${unknown.join(', ')}); they were left out. Pick one from the Preset list.`);
    } else if (frag.kind === 'scenario') {
      this.#setText(frag.text);
      if (preset) preset.value = 'custom';
    } else if (frag.kind === 'invalid') {
      this.#status(frag.message);
    }
    preset?.addEventListener('change', () => {
      if (preset.value === 'custom') return;
      const modes = preset.value ? [preset.value] : [];
      this.#setText(JSON.stringify(scenarioForModes(modes).scenario, null, 2));
      history.replaceState(null, '', modes.length ? `#modes=${modes.join(',')}` : location.pathname);
      this.#status(`Loaded the preset “${preset.selectedOptions[0]?.textContent ?? ''}”. Press Run.`);
    });
    text?.addEventListener('input', () => {
      if (preset) preset.value = 'custom';
    });
    this.#q('[data-open-editor]')?.addEventListener('click', () => void this.openEditor());
    this.#q('[data-run]')?.addEventListener('click', () => void this.run());
    this.#q('[data-share]')?.addEventListener('click', () => void this.share());
    this.dataset.ready = 'true';
    // A shared link runs its scenario at once: opening it shows the result (#14).
    if (frag.kind === 'modes' || frag.kind === 'scenario') void this.run();
  }

  #getText(): string {
    return this.#editor?.getValue() ?? this.#q<HTMLTextAreaElement>('textarea[data-text]')?.value ?? '';
  }

  #setText(t: string): void {
    const area = this.#q<HTMLTextAreaElement>('textarea[data-text]');
    if (area) area.value = t;
    this.#editor?.setValue(t);
  }

  #status(message: string): void {
    const s = this.#q('[data-status]');
    if (s) s.textContent = message;
  }

  openEditor(): Promise<void> {
    this.#opening ??= (async () => {
      const host = this.#q<HTMLElement>('[data-editor]');
      const area = this.#q<HTMLTextAreaElement>('textarea[data-text]');
      const button = this.#q<HTMLButtonElement>('[data-open-editor]');
      if (!host || !area) return;
      this.#status('Loading the editor…');
      const { openEditor } = await import('./monaco.ts');
      host.hidden = false;
      this.#editor = await openEditor(host, area.value);
      this.#editor.onChange(() => {
        area.value = this.#editor!.getValue();
        const preset = this.#q<HTMLSelectElement>('select[data-preset]');
        if (preset) preset.value = 'custom';
      });
      area.hidden = true;
      this.#q('label[data-text-label]')?.setAttribute('hidden', '');
      if (button) button.hidden = true;
      this.dataset.editor = 'monaco';
      this.#status('Editor ready: Ctrl+Space completes, hovering a property explains it, problems are underlined.');
      this.#editor.focus();
    })();
    return this.#opening;
  }

  async run(): Promise<void> {
    const n = ++this.#runs;
    const out = this.#q<HTMLElement>('[data-output]');
    if (!out) return;
    const parsed = parseScenarioText(this.#getText());
    const view = await import('../simulator/render.ts');
    if (!parsed.ok) {
      view.renderError(out, parsed.error.message);
      this.#status(`The scenario has a problem: ${parsed.error.message}`);
      this.dataset.runs = String(n);
      return;
    }
    this.#status('Generating keys and certificates in your browser…');
    const { runScenario } = await import('../simulator/run.ts');
    const result = await runScenario(parsed.scenario, Date.now());
    if (n !== this.#runs) return;
    history.replaceState(null, '', scenarioToFragment(parsed.scenario));
    if (!result.ok) {
      view.renderError(out, result.error.message);
      this.#status(result.error.message);
    } else {
      view.renderRun(out, result.run, 'sandbox', 2);
      const link = location.href;
      out.prepend(copyLinkButton(() => link, 'The link holds the scenario only; opening it runs it again with fresh keys.'));
      addCopyButtons(out, '.sim-cmd, .sim-fix pre, .sim-repro pre');
      const failing = result.run.clients.filter((c) => c.fails).length;
      this.#status(`${failing} of ${result.run.clients.length} clients fail. OpenSSL says ${result.run.openssl.code} (${result.run.openssl.text}).`);
    }
    this.dataset.runs = String(n);
  }

  async share(): Promise<void> {
    const parsed = parseScenarioText(this.#getText());
    if (!parsed.ok) {
      this.#status(`Fix the scenario before sharing it: ${parsed.error.message}`);
      return;
    }
    history.replaceState(null, '', scenarioToFragment(parsed.scenario));
    const field = this.#q<HTMLInputElement>('input[data-link]');
    if (field) {
      field.value = location.href;
      field.hidden = false;
      field.select();
    }
    try {
      await navigator.clipboard.writeText(location.href);
      this.#status('Link copied. It holds the scenario only: keys are made fresh on every run.');
    } catch {
      this.#status('The link is in the field below; copy it from there.');
    }
  }
}

if (!customElements.get('certlab-sandbox')) customElements.define('certlab-sandbox', CertlabSandbox);
