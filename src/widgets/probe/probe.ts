/**
 * <certlab-probe>: the live probe form. Submitting POSTs {host, port, servername, starttls} to
 * /api/probe, shows progress while it runs, renders the report, and writes the target into
 * the page URL (?host=&port=&servername=&starttls=) so the page is a permalink: opening it probes again.
 * Without JavaScript the form GETs /api/probe and the browser shows the JSON result.
 */
import { type ProbeResultView, renderProbeError, renderProbeResult } from './render.ts';
import { copyLinkButton } from '../copy.ts';

let seq = 0;

class CertlabProbe extends HTMLElement {
  #uid = `probe${++seq}`;
  #running = false;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('form[data-probe]');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run(true);
    });
    const params = new URLSearchParams(location.search);
    const host = params.get('host');
    if (host && form) {
      (form.elements.namedItem('host') as HTMLInputElement).value = host;
      (form.elements.namedItem('port') as HTMLInputElement).value = params.get('port') ?? '';
      (form.elements.namedItem('servername') as HTMLInputElement).value = params.get('servername') ?? '';
      const revocation = form.elements.namedItem('revocation') as HTMLInputElement | null;
      if (revocation) revocation.checked = params.get('revocation') === '1';
      const starttls = form.elements.namedItem('starttls') as HTMLSelectElement | null;
      const chosen = params.get('starttls');
      if (starttls && chosen && [...starttls.options].some((o) => o.value === chosen)) starttls.value = chosen;
      void this.run(false);
    }
    this.dataset.ready = 'true';
  }

  async run(updateUrl: boolean): Promise<void> {
    if (this.#running) return;
    const form = this.querySelector<HTMLFormElement>('form[data-probe]');
    const out = this.querySelector<HTMLElement>('[data-result]');
    const status = this.querySelector<HTMLElement>('[data-status]');
    if (!form || !out || !status) return;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const host = value('host');
    if (!host) {
      status.textContent = 'Type a host first, e.g. example.com or example.com:8443.';
      return;
    }
    const port = value('port');
    const servername = value('servername');
    const revocation = (form.elements.namedItem('revocation') as HTMLInputElement | null)?.checked === true;
    const starttls = (form.elements.namedItem('starttls') as HTMLSelectElement | null)?.value ?? 'auto';
    if (updateUrl) {
      const url = new URL(location.href);
      url.search = '';
      url.searchParams.set('host', host);
      if (port) url.searchParams.set('port', port);
      if (servername) url.searchParams.set('servername', servername);
      if (revocation) url.searchParams.set('revocation', '1');
      if (starttls !== 'auto') url.searchParams.set('starttls', starttls);
      history.replaceState(null, '', url);
    }
    this.#running = true;
    this.setAttribute('aria-busy', 'true');
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) button.disabled = true;
    const started = performance.now();
    const tick = () => {
      const s = ((performance.now() - started) / 1000).toFixed(0);
      status.textContent = `Probing ${host}${port ? `:${port}` : ''}: resolving, connecting, reading the handshake and judging the chain… ${s} s`;
    };
    tick();
    const timer = setInterval(tick, 1000);
    try {
      const res = await fetch('/api/probe', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          host,
          ...(port ? { port: Number(port) } : {}),
          ...(servername ? { servername } : {}),
          ...(starttls !== 'auto' ? { starttls } : {}),
          ...(revocation ? { revocation } : {}),
        }),
      });
      const body = (await res.json()) as ProbeResultView & { error?: { message: string } };
      if (res.status === 200) {
        renderProbeResult(out, body, this.#uid);
        const link = location.href;
        out.prepend(copyLinkButton(() => link, 'Opening it probes the server again.'));
        status.textContent = `Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
      } else {
        const retry = res.headers.get('retry-after');
        renderProbeError(
          out,
          `${body.error?.message ?? `The probe answered ${res.status}.`}${retry && !body.error?.message?.includes('Try again') ? ` Try again in ${retry} s.` : ''}`,
        );
        status.textContent = `The probe could not report on ${host} (HTTP ${res.status}).`;
      }
    } catch (e) {
      renderProbeError(
        out,
        `The probe service did not answer (${(e as Error).message}). The static site works without it; run “npm run -s certlab -- probe ${host}” on your own machine.`,
      );
      status.textContent = 'No answer from the probe service.';
    } finally {
      clearInterval(timer);
      this.#running = false;
      this.removeAttribute('aria-busy');
      if (button) button.disabled = false;
      this.dataset.probed = String(Number(this.dataset.probed ?? '0') + 1);
    }
  }
}

if (!customElements.get('certlab-probe')) customElements.define('certlab-probe', CertlabProbe);
