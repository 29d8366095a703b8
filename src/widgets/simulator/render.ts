/**
 * Draws a simulator run into a container: each client's verdict and exact message, the
 * chain as a picture with the broken link marked (and its text equivalent), what
 * `openssl s_client -showcerts` prints, the fix, and download buttons for the PEMs.
 * Every value is written with textContent; nothing from a certificate is parsed as HTML.
 */
import type { SimRun } from './run.ts';
import { whoActs } from '../../core/causes/who-acts.ts';
import { el } from '../dom.ts';

/** Heading level of the result sections (2 on a tool page, 3 inside a lesson section). */
let level = 3;
const heading = (depth: number) => `h${Math.min(6, level + depth)}` as 'h3';

function section(title: string, id: string, ...body: Node[]): HTMLElement {
  return el('section', { class: 'sim-section', 'aria-labelledby': id }, el(heading(0), { id }, title), ...body);
}

function clientsTable(run: SimRun, uid: string): HTMLElement {
  const table = el(
    'table',
    { class: 'certlab-table sim-clients' },
    el('caption', {}, `Connecting to https://${run.scenario.host}/`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Client'), el('th', { scope: 'col' }, 'Verdict'), el('th', { scope: 'col' }, 'What it prints'))),
  );
  const body = el('tbody');
  for (const c of run.clients) {
    const verdict = el('td', { class: c.fails ? 'sim-fails' : 'sim-ok', 'data-verdict': c.fails ? 'fails' : 'connects' }, c.fails ? '✗ fails' : '✓ connects');
    const msg = el('td', {}, el('pre', { class: 'sim-message' }, el('code', {}, c.message)));
    if (c.note) msg.append(el('p', { class: 'sim-note' }, c.note));
    body.append(el('tr', { 'data-client': c.client }, el('th', { scope: 'row' }, c.label), verdict, msg));
  }
  table.append(body);
  return section('What each client says', `${uid}-clients`, table);
}

function picture(run: SimRun, uid: string): HTMLElement {
  const p = run.picture;
  const list = el('ol', { class: 'sim-chain', reversed: '', 'aria-describedby': `${uid}-chain-text` });
  for (let i = p.nodes.length - 1; i >= 0; i--) {
    const n = p.nodes[i]!;
    const badges = el('span', { class: 'certlab-badges' });
    badges.append(el('span', { class: 'certlab-badge' }, n.role));
    badges.append(
      el('span', { class: n.sentAt === null ? 'certlab-badge sim-badge-missing' : 'certlab-badge' }, n.sentAt === null ? 'not sent' : `sent #${n.sentAt}`),
    );
    if (n.trusted) badges.append(el('span', { class: 'certlab-badge sim-badge-trusted' }, "in client's store"));
    const box = el(
      'li',
      { class: `sim-node${n.problem ? ' sim-node-broken' : ''}`, 'data-cert': n.id },
      el('span', { class: 'sim-node-name' }, n.name),
      badges,
    );
    if (n.problem) box.append(el('span', { class: 'sim-problem' }, `✗ ${n.problem}`));
    list.append(box);
    if (i > 0) {
      const link = p.links[i - 1]!;
      list.append(
        el(
          'li',
          { class: `sim-link${link.broken ? ' sim-link-broken' : ''}`, 'aria-hidden': 'true', 'data-link': String(i - 1) },
          link.broken ? `✗ ${link.reason}` : '│ issued',
        ),
      );
    }
  }
  const extras =
    p.extras.length || p.outOfOrder
      ? el(
          'ul',
          { class: 'sim-extras' },
          ...(p.outOfOrder ? [el('li', {}, 'The server sends these certificates out of order.')] : []),
          ...p.extras.map((e) => el('li', {}, `Also sent (#${e.sentAt}): ${e.name} — not on the path.`)),
        )
      : el('span');
  const text = el('details', { class: 'sim-text' }, el('summary', {}, 'The chain as text'), el('pre', { id: `${uid}-chain-text` }, run.pictureText));
  return section('The chain', `${uid}-chain`, list, extras, text);
}

function showcerts(run: SimRun, uid: string): HTMLElement {
  const cmd = `openssl s_client -connect ${run.scenario.host}:443 -servername ${run.scenario.host} -showcerts`;
  return section(
    'What openssl s_client -showcerts prints',
    `${uid}-showcerts`,
    el('pre', { class: 'sim-cmd' }, el('code', {}, `$ ${cmd}`)),
    el(
      'details',
      { class: 'sim-showcerts' },
      el('summary', {}, 'Output (OpenSSL 3.0, abridged after the chain)'),
      el('pre', {}, el('code', {}, run.showcerts)),
    ),
  );
}

function fixes(run: SimRun, uid: string): HTMLElement {
  if (run.fixes.length === 0) {
    return section('The fix', `${uid}-fix`, el('p', {}, 'Nothing to fix: every client connects. Toggle a failure mode to break something.'));
  }
  const parts: Node[] = [];
  for (const f of run.fixes) {
    const steps = el('ol', { class: 'sim-steps' });
    for (const s of f.steps) {
      const li = el('li', {}, el('strong', {}, s.who === 'server' ? 'Server: ' : 'Client: '), s.label);
      if (s.code) li.append(el('pre', {}, el('code', {}, s.code)));
      steps.append(li);
    }
    parts.push(el('div', { class: 'sim-fix', 'data-cause': f.cause }, el(heading(1), {}, f.title), el('p', {}, `Who acts: ${whoActs(f.liability)}.`), steps));
  }
  return section('The fix', `${uid}-fix`, ...parts);
}

function downloads(run: SimRun, uid: string): HTMLElement {
  const list = el('ul', { class: 'sim-downloads' });
  for (const f of run.files) {
    const button = el('button', { type: 'button', 'data-file': f.name }, `Download ${f.name}`);
    button.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([f.text], { type: 'application/x-pem-file' }));
      const a = el('a', { href: url, download: f.name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    list.append(el('li', {}, button, ` ${f.note}`));
  }
  return section(
    'The certificates',
    `${uid}-files`,
    el(
      'p',
      {},
      'Real certificates, generated in your browser just now. Inspect them with openssl x509 -in leaf.pem -noout -text. The key is a throw-away test key.',
    ),
    list,
  );
}

function reproduceSection(run: SimRun, uid: string): HTMLElement {
  const r = run.reproduce;
  const lines = [`# ${r.serverLabel}`, r.server, '', '# in another terminal, each client:', ...r.clients.flatMap((c) => [`# ${c.label}`, c.line])];
  return section(
    'Reproduce it on your machine',
    `${uid}-repro`,
    el(
      'p',
      {},
      'Download the files below into one folder, start the server, and run the clients against it on 127.0.0.1. The host name is only sent as SNI and checked; nothing leaves your machine.',
    ),
    el('details', { class: 'sim-repro' }, el('summary', {}, 'Commands'), el('pre', {}, el('code', {}, lines.join('\n')))),
  );
}

export function renderRun(out: HTMLElement, run: SimRun, uid: string, headingLevel = 3): void {
  level = headingLevel;
  out.replaceChildren(clientsTable(run, uid), picture(run, uid), fixes(run, uid), showcerts(run, uid), reproduceSection(run, uid), downloads(run, uid));
}

export function renderError(out: HTMLElement, message: string): void {
  out.replaceChildren(el('p', { class: 'certlab-error', role: 'alert' }, message));
}
