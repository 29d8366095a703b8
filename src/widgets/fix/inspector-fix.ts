/**
 * The fix panel for an inspection: the chain to serve built in the browser from the pasted
 * certificates. The browser holds no trust store, so the chain is checked up to its top, or up
 * to a root in the paste, and the panel says under which root it ends. When an intermediate is
 * missing, the reader may ask this site's server to fetch its AIA URL (POST /api/aia): only the
 * URL is sent, never a certificate.
 */
import type { InspectResult } from '../../core/inspect/result.ts';
import type { Certificate } from '../../core/model.ts';
import { buildChainToServe } from '../../core/fix/chain-to-serve.ts';
import { chainToServeJson } from '../../core/fix/chain-json.ts';
import { pemCertificates } from '../../core/formats/pem.ts';
import { parseCertificate } from '../../core/x509/certificate.ts';
import { fixPanel } from './fix.ts';

/** The host the leaf names (its first DNS name), for the configuration and the probe link. */
function leafHost(certs: Certificate[]): string | null {
  const leaf = certs.find((c) => c.role === 'leaf');
  const dns = leaf?.subjectAltNames?.find((g) => g.type === 'dns');
  return typeof dns?.value === 'string' && !dns.value.startsWith('*') ? dns.value : null;
}

type AiaAnswer = {
  results?: ({ url: string; ok: true; pem: string[] } | { url: string; ok: false; error: { message: string } })[];
  error?: { message: string };
};

/** Asks /api/aia for the URLs; the certificates that came back, and one note per URL. */
async function fetchFromServer(urls: string[]): Promise<{ certs: Certificate[]; notes: string[] }> {
  let answer: AiaAnswer;
  try {
    const res = await fetch('/api/aia', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls }) });
    answer = (await res.json()) as AiaAnswer;
  } catch (e) {
    return { certs: [], notes: [`This site's server did not answer (${(e as Error).message}); run certlab fix --aia locally instead.`] };
  }
  if (!answer.results) return { certs: [], notes: [answer.error?.message ?? 'The server could not fetch the URL.'] };
  const certs: Certificate[] = [];
  const notes: string[] = [];
  for (const r of answer.results) {
    if (!r.ok) {
      notes.push(`${r.url}: ${r.error.message}.`);
      continue;
    }
    const got: Certificate[] = [];
    for (const der of r.pem.flatMap((p) => pemCertificates(p))) got.push(await parseCertificate(der, crypto.subtle));
    certs.push(...got);
    notes.push(`${r.url}: fetched ${got.map((c) => c.subject.oneline).join('; ')}.`);
  }
  return { certs, notes };
}

/** A panel that fills itself once the chain is built; undefined when the paste holds no certificate. */
export function inspectorFixPanel(r: InspectResult): HTMLElement | undefined {
  // A trust store (many self-signed roots, e.g. the Debian bundle) is not a chain to deploy.
  if (r.bundle?.kind === 'trust-store') return undefined;
  const certs = r.items.flatMap((i) => (i.kind === 'certificate' ? [i.certificate] : []));
  if (certs.length === 0) return undefined;
  const holder = document.createElement('div');
  holder.className = 'certlab-fix-holder';
  const host = leafHost(certs);
  const extra: Certificate[] = [];
  const render = async (aiaNotes: string[]) => {
    const built = await buildChainToServe({ certificates: certs, extra, ...(host ? { host } : {}), anchors: [], at: Date.now(), subtle: crypto.subtle });
    const json = chainToServeJson(built, host, 'no trust store');
    holder.replaceChildren(
      fixPanel(json, {
        host,
        port: 443,
        clients: [],
        probeAgain: host ? { href: `/tools/probe/?host=${encodeURIComponent(host)}` } : null,
        aiaNotes,
        fetchAia: (urls) =>
          void fetchFromServer(urls)
            .then(({ certs: got, notes }) => {
              extra.push(...got);
              return render(notes);
            })
            .catch((e: Error) => render([`The fetched answer could not be read (${e.message}).`])),
      }),
    );
  };
  void render([]);
  return holder;
}
