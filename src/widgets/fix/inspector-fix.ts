/**
 * The fix panel for an inspection: the chain to serve built in the browser from the pasted
 * certificates (nothing is sent anywhere). The browser holds no trust store, so the chain is
 * checked up to its top, or up to a root in the paste, and the panel says under which root it
 * ends; a missing intermediate is named with its AIA URL.
 */
import type { InspectResult } from '../../core/inspect/result.ts';
import type { Certificate } from '../../core/model.ts';
import { buildChainToServe } from '../../core/fix/chain-to-serve.ts';
import { chainToServeJson } from '../../core/fix/chain-json.ts';
import { fixPanel } from './fix.ts';

/** The host the leaf names (its first DNS name), for the configuration and the probe link. */
function leafHost(certs: Certificate[]): string | null {
  const leaf = certs.find((c) => c.role === 'leaf');
  const dns = leaf?.subjectAltNames?.find((g) => g.type === 'dns');
  return typeof dns?.value === 'string' && !dns.value.startsWith('*') ? dns.value : null;
}

/** A panel that fills itself once the chain is built; undefined when the paste holds no certificate. */
export function inspectorFixPanel(r: InspectResult): HTMLElement | undefined {
  const certs = r.items.flatMap((i) => (i.kind === 'certificate' ? [i.certificate] : []));
  if (certs.length === 0) return undefined;
  const holder = document.createElement('div');
  holder.className = 'certlab-fix-holder';
  const host = leafHost(certs);
  void buildChainToServe({ certificates: certs, ...(host ? { host } : {}), anchors: [], at: Date.now(), subtle: crypto.subtle }).then((built) => {
    const json = chainToServeJson(built, host, 'no trust store');
    holder.replaceChildren(
      fixPanel(json, { host, port: 443, clients: [], probeAgain: host ? { href: `/tools/probe/?host=${encodeURIComponent(host)}` } : null }),
    );
  });
  return holder;
}
