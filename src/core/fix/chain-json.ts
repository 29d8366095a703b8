/**
 * The chain to serve as plain JSON (core/net/probe-json.ts ChainToServeJson): what the probe
 * answers and what the fix panel renders, whether the chain was built on the server (probe) or
 * in the browser (inspector).
 */
import type { ChainToServeJson } from '../net/probe-json.ts';
import { toPem } from '../formats/pem.ts';
import { chainFailureText, dropReasonText, type ChainToServeResult } from './chain-to-serve.ts';

/** The certificates in order as one PEM file: what fullchain.pem holds. */
export function fullchainPem(json: ChainToServeJson): string {
  return json.chain.map((c) => c.pem).join('');
}

export function chainToServeJson(r: ChainToServeResult, host: string | null, anchorsLabel: string): ChainToServeJson {
  const dropped = r.dropped.map((d) => ({ subject: d.cert.subject.oneline, sha256: d.cert.sha256, reason: d.reason, text: dropReasonText(d.reason) }));
  const aia = r.aia.map((a) => ({ url: a.url, for: a.for, outcome: a.outcome, got: a.got }));
  if (!r.ok) {
    const v = r.failure.kind === 'DoesNotVerify' ? r.failure.verification : null;
    return {
      ok: false,
      host,
      chain: [],
      root: null,
      dropped,
      aia,
      verification: v && { ok: v.ok, code: v.code, name: v.name, text: v.text, depth: v.depth, against: anchorsLabel },
      failure: {
        kind: r.failure.kind,
        message: chainFailureText(r.failure),
        ...(r.failure.kind === 'MissingIntermediate' ? { aiaUrls: r.failure.aiaUrls } : {}),
      },
    };
  }
  const fetched = new Set(r.fetched.map((c) => c.sha256));
  const v = r.verification;
  return {
    ok: true,
    host,
    chain: r.chain.map((c) => ({
      subject: c.subject.oneline,
      issuer: c.issuer.oneline,
      sha256: c.sha256,
      pem: toPem('CERTIFICATE', c.der),
      fetched: fetched.has(c.sha256),
    })),
    root: r.root ? r.root.subject.oneline : null,
    dropped,
    aia,
    verification: {
      ok: v.ok,
      code: v.code,
      name: v.name,
      text: v.text,
      depth: v.depth,
      against:
        r.anchoredBy === 'store' ? anchorsLabel : r.root ? `the root given (${r.root.subject.oneline})` : `the top of the chain; it ends under ${r.endsUnder}`,
    },
    failure: null,
  };
}
