/**
 * <certlab-cert-summary>: paste one PEM certificate, see subject, issuer, validity and SANs.
 * The element upgrades markup rendered by CertSummary.astro (a textarea and an output region).
 * The parser is imported on first input, so a lesson page pays nothing for it up front.
 * Every field is written with textContent: certificate contents are never treated as HTML.
 */
import type { SummaryResult } from '../core/inspect/first-certificate.ts';

function row(dl: HTMLElement, term: string, value: string, testId: string): void {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dd.dataset.field = testId;
  dl.append(dt, dd);
}

class CertSummary extends HTMLElement {
  #input: HTMLTextAreaElement | null = null;
  #output: HTMLElement | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  connectedCallback(): void {
    this.#input = this.querySelector('textarea[data-input]');
    this.#output = this.querySelector('[data-output]');
    this.#input?.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#update(), 120);
    });
    if (this.#input?.value.trim()) void this.#update();
  }

  async #update(): Promise<void> {
    const text = this.#input?.value ?? '';
    const seq = ++this.#seq;
    if (!text.trim()) return this.#render(null);
    const { firstCertificate } = await import('../core/inspect/first-certificate.ts');
    const result = await firstCertificate(text, crypto.subtle, Date.now());
    if (seq === this.#seq) this.#render(result);
  }

  #render(result: SummaryResult | null): void {
    const out = this.#output;
    if (!out) return;
    out.replaceChildren();
    if (!result) return;
    if (!result.ok) {
      const p = document.createElement('p');
      p.className = 'certlab-error';
      p.dataset.field = 'error';
      p.textContent = result.message;
      out.append(p);
      return;
    }
    const { cert } = result;
    const dl = document.createElement('dl');
    dl.className = 'certlab-fields';
    row(dl, 'Subject', cert.subject.oneline, 'subject');
    row(dl, 'Issuer', cert.issuer.oneline, 'issuer');
    row(dl, 'Role', cert.role === 'root' ? 'root (self-signed)' : cert.role, 'role');
    row(dl, 'Valid from', new Date(cert.notBefore).toISOString(), 'not-before');
    row(dl, 'Valid until', new Date(cert.notAfter).toISOString(), 'not-after');
    row(dl, 'Status', result.validity, 'validity');
    const sans = (cert.subjectAltNames ?? []).map((n) =>
      n.type === 'dirName' ? `DirName:${n.value.oneline}` : 'value' in n ? `${n.type.toUpperCase()}:${n.value}` : n.type,
    );
    row(dl, 'Names (SAN)', sans.length ? sans.join(', ') : 'none — modern clients will reject this certificate for any host name', 'sans');
    row(dl, 'SHA-256', cert.sha256.match(/../g)?.join(':').toUpperCase() ?? '', 'sha256');
    out.append(dl);
  }
}

if (!customElements.get('certlab-cert-summary')) customElements.define('certlab-cert-summary', CertSummary);
