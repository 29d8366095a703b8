/**
 * Does the peer certificate name the host we meant to reach? RFC 6125 / CA/Browser Forum rules:
 * - DNS names are compared with the DNS subjectAltNames, case-insensitively, a trailing dot ignored;
 * - a wildcard is accepted only as the whole left-most label (`*.example.com`), stands for
 *   exactly one label, and needs at least two labels after it (`*.com` matches nothing);
 * - the subject CN is consulted only when the policy allows it (OpenSSL-based clients, Java)
 *   and only when the certificate has no DNS subjectAltName (as OpenSSL's X509_check_host does);
 * - with `partialWildcards` (OpenSSL's X509_check_host default), the left-most label may also be
 *   a partial wildcard (`f*.example.com`, `*oo.example.com`), never matching an `xn--` label;
 * - IP addresses match iPAddress subjectAltNames only, compared as bytes (`::1` = `0:0::1`).
 */
import type { Certificate } from '../model.ts';
import { ipBytes, ipEqual } from '../net/ip.ts';

export type PeerName = { kind: 'dns'; value: string } | { kind: 'ip'; value: string };

/** A host given as text: an IP literal (v4, v6, optionally in brackets) or a DNS name. */
export function peerName(text: string): PeerName {
  return ipBytes(text) ? { kind: 'ip', value: text.replace(/^\[|\]$/g, '') } : { kind: 'dns', value: text };
}

function normalizeDns(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** One presented DNS name (maybe a wildcard) against the reference name. */
export function dnsNameMatches(presented: string, reference: string, partialWildcards = false): boolean {
  const p = normalizeDns(presented);
  const r = normalizeDns(reference);
  if (p === '' || r === '') return false;
  if (!p.includes('*')) return p === r;
  if (partialWildcards && !p.startsWith('*.')) return partialWildcardMatches(p, r);
  if (!p.startsWith('*.')) return false;
  const rest = p.slice(2);
  if (rest.includes('*') || !rest.includes('.')) return false;
  const dot = r.indexOf('.');
  if (dot <= 0) return false;
  return r.slice(dot + 1) === rest;
}

/** OpenSSL wildcard_match for a left-most label with text around the `*`. */
function partialWildcardMatches(p: string, r: string): boolean {
  const pDot = p.indexOf('.');
  const rDot = r.indexOf('.');
  if (pDot <= 0 || rDot <= 0) return false;
  const [label, rest] = [p.slice(0, pDot), p.slice(pDot + 1)];
  const star = label.indexOf('*');
  if (star < 0 || label.indexOf('*', star + 1) >= 0 || rest.includes('*') || !rest.includes('.')) return false;
  if (r.slice(rDot + 1) !== rest) return false;
  const [prefix, suffix] = [label.slice(0, star), label.slice(star + 1)];
  const target = r.slice(0, rDot);
  if (target.startsWith('xn--') || target.length < prefix.length + suffix.length) return false;
  return target.startsWith(prefix) && target.endsWith(suffix);
}

export interface NameCheck {
  ok: boolean;
  /** The names the certificate presents for this kind of reference (for the failure text). */
  presented: string[];
}

export function checkPeerName(cert: Certificate, name: PeerName, cnFallback: boolean, partialWildcards = false): NameCheck {
  const sans = cert.subjectAltNames ?? [];
  if (name.kind === 'ip') {
    const want = ipBytes(name.value);
    const ips = sans.filter((g) => g.type === 'ip');
    const presented = ips.map((g) => g.value);
    const ok =
      !!want &&
      ips.some((g) => {
        const have = ipBytes(g.value);
        return !!have && ipEqual(have, want);
      });
    return { ok, presented };
  }
  const dns = sans.flatMap((g) => (g.type === 'dns' ? [g.value] : []));
  if (dns.length === 0 && cnFallback) {
    const cns = cert.subject.rdns
      .flat()
      .filter((a) => a.type === 'CN')
      .map((a) => a.value);
    return { ok: cns.some((cn) => dnsNameMatches(cn, name.value, partialWildcards)), presented: cns.map((cn) => `CN=${cn}`) };
  }
  return { ok: dns.some((d) => dnsNameMatches(d, name.value, partialWildcards)), presented: dns };
}
