/**
 * <certlab-fix>: the chain to serve (core/fix), shown under a probe report or an inspection:
 * the chain leaf first, what was left out and why, the verification, a Download fullchain.pem
 * button (made in the browser), the configuration for the server picked, the trust commands
 * for a client known to fail, and "Probe again". Every certificate field goes in as text.
 *
 *   out.append(fixPanel(json, { host, port, clients: ['curl'], probeAgain: () => rerun() }));
 */
import type { ChainToServeJson } from '../../core/net/probe-json.ts';
import type { ClientId } from '../../core/clients/registry.ts';
import { fullchainPem } from '../../core/fix/chain-json.ts';
import { SERVER_IDS, isServerId, serverConfig, type ServerId } from '../../core/fix/server-configs.ts';
import { clientFixCommands, TOOL_IDS, toolFixCommand, type ToolId } from '../../core/fix/client-fixes.ts';
import { el } from '../dom.ts';

export interface FixContext {
  host: string | null;
  port: number;
  /** Clients known to fail (the probe's verdicts): their trust commands are offered. */
  clients: ClientId[];
  /** "Probe again": re-run the probe in place, or a link to the probe page; null = none. */
  probeAgain: (() => void) | { href: string } | null;
  /** Offered when an intermediate is missing: ask this site's server to fetch its AIA URLs. */
  fetchAia?: (urls: string[]) => void;
  /** What the last AIA fetch gave, one line per URL. */
  aiaNotes?: string[];
  /** The server already sends exactly this chain (probe). */
  alreadyServed?: boolean;
}

let seq = 0;

function copyable(text: string, id: string, label: string): HTMLElement {
  const pre = el('pre', { id, class: 'fix-pre', tabindex: '0' }, text);
  const button = el('button', { type: 'button', 'aria-controls': id }, `Copy ${label}`);
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Select the text and copy it'),
    );
  });
  return el('div', { class: 'fix-copy' }, button, pre);
}

/** A Download button that hands over `text` as a file made in the browser (nothing is uploaded). */
function downloadButton(label: string, file: string, text: string): HTMLButtonElement {
  const b = el('button', { type: 'button', 'data-download': file }, label);
  b.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
    const a = el('a', { href: url, download: file });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return b;
}

function serverPicker(host: string, uid: string): HTMLElement {
  const dir = `/etc/ssl/${host.replace(/[^a-z0-9.-]/gi, '-').toLowerCase() || 'site'}`;
  const select = el('select', { id: `${uid}-server` }, ...SERVER_IDS.map((id) => el('option', { value: id }, serverConfig(id, { dir, host }).label)));
  const body = el('div', { 'data-server-config': '' });
  const show = (id: ServerId) => {
    const c = serverConfig(id, { dir, host });
    body.replaceChildren(el('p', {}, c.note), copyable(c.text, `${uid}-config`, 'configuration'));
  };
  select.addEventListener('change', () => isServerId(select.value) && show(select.value));
  show('nginx');
  return el('div', { class: 'fix-server' }, el('label', { for: `${uid}-server` }, 'Your server '), select, body);
}

function clientFixes(ctx: FixContext, host: string, uid: string): HTMLElement {
  const ids: (ClientId | ToolId)[] = [...ctx.clients, ...TOOL_IDS];
  const select = el('select', { id: `${uid}-client` }, ...ids.map((id) => el('option', { value: id }, id)));
  const body = el('div', { 'data-client-fix': '' });
  const input = { caFile: '/path/to/ca.pem', host, port: ctx.port };
  const show = (id: string) => {
    const cmds = (TOOL_IDS as readonly string[]).includes(id) ? [toolFixCommand(id as ToolId, input)] : clientFixCommands(id as ClientId, input);
    body.replaceChildren(...cmds.map((c, i) => el('div', { class: 'fix-cmd' }, el('p', {}, c.label), copyable(c.code, `${uid}-cmd${i}`, 'command'))));
  };
  select.addEventListener('change', () => show(select.value));
  show(ids[0]!);
  return el(
    'div',
    { class: 'fix-clients' },
    el('h4', {}, 'For a client you run'),
    el(
      'p',
      {},
      "The server's chain is the fix. Until it is served, or when the root is your own company's CA, a client can be told to trust the CA certificate (/path/to/ca.pem: the root, in PEM):",
    ),
    el('label', { for: `${uid}-client` }, 'Client '),
    select,
    body,
  );
}

function probeAgain(ctx: FixContext): HTMLElement | undefined {
  if (!ctx.probeAgain) return undefined;
  if (typeof ctx.probeAgain === 'function') {
    const b = el('button', { type: 'button', 'data-probe-again': '' }, 'Probe again');
    const run = ctx.probeAgain;
    b.addEventListener('click', () => run());
    return el('p', {}, 'Deployed it? ', b);
  }
  return el('p', {}, el('a', { href: ctx.probeAgain.href, 'data-probe-again': '' }, `Probe ${ctx.host ?? 'the server'} again`), ' once it is deployed.');
}

export class CertlabFix extends HTMLElement {
  #uid = `fix${++seq}`;

  show(j: ChainToServeJson, ctx: FixContext): void {
    const uid = this.#uid;
    const parts: (HTMLElement | undefined)[] = [el('h3', { id: `${uid}-h` }, 'The chain to serve')];
    const dropped = j.dropped.length
      ? el(
          'div',
          {},
          el('h4', {}, 'Left out'),
          el('ul', { class: 'fix-dropped' }, ...j.dropped.map((d) => el('li', {}, el('strong', {}, d.subject), `: ${d.text}.`))),
        )
      : undefined;
    const aia = j.aia.length
      ? el(
          'ul',
          { class: 'fix-aia' },
          ...j.aia.map((a) =>
            el(
              'li',
              {},
              `AIA ${a.url}: `,
              a.outcome === 'fetched' ? `fetched ${a.got.join('; ')}` : a.outcome === 'nothing-usable' ? 'gave no usable certificate' : 'not fetched',
            ),
          ),
        )
      : undefined;
    if (ctx.aiaNotes?.length) parts.push(el('ul', { class: 'fix-aia', 'data-aia-notes': '' }, ...ctx.aiaNotes.map((n) => el('li', {}, n))));
    if (!j.ok) {
      parts.push(
        el('p', { class: 'certlab-error', 'data-fix-failure': j.failure?.kind ?? '' }, j.failure?.message ?? 'No chain could be built.'),
        aia,
        dropped,
      );
      const urls = j.failure?.aiaUrls ?? [];
      if (ctx.fetchAia && urls.length) {
        const fetchAia = ctx.fetchAia;
        const b = el('button', { type: 'button', 'data-fetch-aia': '' }, 'Fetch the missing intermediate');
        b.addEventListener('click', () => {
          b.disabled = true;
          b.textContent = 'Fetching…';
          fetchAia(urls);
        });
        parts.push(
          el('p', {}, b, ` Only its AIA URL (${urls.join(', ')}) is sent to this site's server, which fetches it; your certificates stay in the browser.`),
        );
      }
    } else {
      const host = j.host ?? ctx.host ?? 'example.com';
      const v = j.verification!;
      parts.push(
        ctx.alreadyServed
          ? el('p', { 'data-already-served': '' }, 'The server already sends exactly this chain, in this order: nothing to change in it.')
          : el('p', {}, 'Serve these certificates, in this order: the server certificate first, then each intermediate; the root stays out.'),
        el(
          'ol',
          { class: 'fix-chain', start: '0' },
          ...j.chain.map((c) => el('li', {}, el('strong', {}, c.subject), c.fetched ? ' (fetched from its AIA URL)' : '', el('br'), `issued by ${c.issuer}`)),
        ),
        el(
          'p',
          { 'data-fix-verification': String(v.code) },
          `Verified: ${v.code} ${v.ok ? 'ok' : v.name}, against ${v.against}, as a client that fetches nothing sees it.`,
        ),
        aia,
        dropped,
        el(
          'p',
          {},
          downloadButton('Download the chain to serve (fullchain.pem)', 'fullchain.pem', fullchainPem(j)),
          ' leaf first, no root. Your private key stays as it is (privkey.pem below).',
        ),
        serverPicker(host, uid),
      );
      if (ctx.clients.length) parts.push(clientFixes(ctx, host, uid));
    }
    parts.push(probeAgain(ctx));
    this.setAttribute('role', 'region');
    this.setAttribute('aria-labelledby', `${uid}-h`);
    this.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
    this.dataset.ok = String(j.ok);
  }
}

if (!customElements.get('certlab-fix')) customElements.define('certlab-fix', CertlabFix);

/** The panel, ready to append. */
export function fixPanel(j: ChainToServeJson, ctx: FixContext): CertlabFix {
  const p = document.createElement('certlab-fix') as CertlabFix;
  p.className = 'certlab-widget certlab-fix not-content';
  p.show(j, ctx);
  return p;
}
