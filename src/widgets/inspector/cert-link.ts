/**
 * A link to an inspection, only when the reader asks for it (#14): certificates may be private,
 * so nothing goes into the address until the button is pressed, and then only the certificates,
 * never a key, CSR or password. They travel in the fragment (#certs=…), which the browser never
 * sends to a server; opening the link fills the inspector with them as PEM and inspects them.
 */
import type { InspectResult } from '../../core/inspect/result.ts';
import { copyButton } from '../copy.ts';

const PREFIX = '#certs=';

function toBase64Url(der: Uint8Array): string {
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function pem(b64url: string): string {
  const b64 = b64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(b64url.length / 4) * 4, '=');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}

/** The certificates of a `#certs=` fragment as PEM text, or undefined when the fragment holds none. */
export function certsFromFragment(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  const parts = hash
    .slice(PREFIX.length)
    .split('.')
    .filter((p) => /^[A-Za-z0-9_-]+$/.test(p));
  return parts.length ? parts.map(pem).join('') : undefined;
}

/** The "link with these certificates" row, or undefined when the result has no certificate. */
export function certLinkRow(result: InspectResult): HTMLElement | undefined {
  const ders = result.items.flatMap((i) => (i.kind === 'certificate' ? [i.certificate.der] : []));
  if (!ders.length) return undefined;
  const row = document.createElement('p');
  row.className = 'certlab-result-link';
  row.dataset.resultLink = '';
  const button = copyButton(`Copy a link with ${ders.length === 1 ? 'this certificate' : `these ${ders.length} certificates`}`, () => {
    const url = new URL(location.href);
    url.hash = `${PREFIX}${ders.map(toBase64Url).join('.')}`;
    history.replaceState(null, '', url);
    return url.href;
  });
  row.append(button, ' Only when you press it: the link then holds the certificates (never a key), and anyone who has it can read them.');
  return row;
}
