/**
 * Tells which tool a pasted text is for, from its shape alone (the "paste anything" box):
 *
 *   certificates, bundles, keys, CSRs, CRLs (PEM, base64 or hex DER, a .p12 in base64),
 *   YAML/JSON with base64 PEM inside                        -> the inspector
 *   an `openssl s_client` transcript                         -> both (the chain to the
 *                                                                inspector, the verify code
 *                                                                to the decoder)
 *   a host, `host:port`, an IP address or a URL (one token)  -> the probe
 *   anything else (an error message, a code, a stack trace)  -> the decoder
 *
 * Cheap and pure: nothing is parsed beyond the outer DER shape, and nothing leaves the caller.
 */
import { decodeBase64, looksLikeBase64 } from '../der/base64.ts';
import { classifyDer, type DerKind, PEM_LABELS } from '../formats/der-kind.ts';
import { looksLikeSClient } from '../formats/s-client-transcript.ts';
import { parseTarget } from '../net/target.ts';

export type PasteRoute = 'inspector' | 'decoder' | 'probe' | 'both';

export type PasteClass =
  | { route: 'inspector'; found: 'pem'; labels: string[] }
  | { route: 'inspector'; found: 'der-base64' | 'der-hex'; kind: DerKind }
  | { route: 'inspector'; found: 'embedded-pem' }
  | { route: 'both'; found: 's_client' }
  | { route: 'probe'; found: 'target'; host: string; port: number; portGiven: boolean }
  | { route: 'decoder'; found: 'text' }
  | { route: 'none'; found: 'empty' };

/** "LS0tLS1CRUdJTi" is "-----BEGIN" in base64: a kubeconfig's `certificate-authority-data`, a Secret's `tls.crt`. */
const EMBEDDED_PEM = /LS0tLS1CRUdJTi/;
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 #]+)-----/g;
/** A host name ends in a label of letters (a TLD); `_ssl.c` or `node:_tls_wrap` do not. */
const TLD = /\.[a-z][a-z0-9-]*[a-z0-9]\.?$/i;

function derKindOfBase64(text: string): DerKind | undefined {
  if (!looksLikeBase64(text)) return undefined;
  const b = decodeBase64(text);
  return b.ok ? classifyDer(b.bytes) : undefined;
}

function derKindOfHex(text: string): DerKind | undefined {
  const t = text.replace(/[\s:]+/g, '');
  if (t.length < 32 || t.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(t)) return undefined;
  const bytes = new Uint8Array(t.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return classifyDer(bytes);
}

/** One token that reads as a probe target: `example.com`, `example.com:8443`, `https://example.com/x`, `192.0.2.1`, `[2001:db8::1]:443`. */
function target(text: string): PasteClass | undefined {
  if (/\s/.test(text)) return undefined;
  const parsed = parseTarget(text);
  if (!parsed.ok) return undefined;
  const t = parsed.value;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  // An IP only when written as one (`21` parses as 0.0.0.21, but it is a verify code).
  const literalIp = t.kind === 'ipv6' || (t.kind === 'ipv4' && /^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/.test(text));
  const name = t.kind === 'name' && TLD.test(t.host);
  if (!scheme && !literalIp && !name) return undefined;
  return { route: 'probe', found: 'target', host: t.host, port: t.port, portGiven: t.portGiven };
}

export function classifyPaste(raw: string): PasteClass {
  const text = raw.trim();
  if (text === '') return { route: 'none', found: 'empty' };
  if (looksLikeSClient(text)) return { route: 'both', found: 's_client' };
  const labels = [...new Set([...text.matchAll(PEM_BEGIN)].map((m) => m[1]!))];
  if (labels.some((l) => l in PEM_LABELS || /CERTIFICATE|KEY|PKCS7|CRL/.test(l))) return { route: 'inspector', found: 'pem', labels };
  const b64 = derKindOfBase64(text);
  if (b64) return { route: 'inspector', found: 'der-base64', kind: b64 };
  const hex = derKindOfHex(text);
  if (hex) return { route: 'inspector', found: 'der-hex', kind: hex };
  if (EMBEDDED_PEM.test(text)) return { route: 'inspector', found: 'embedded-pem' };
  return target(text) ?? { route: 'decoder', found: 'text' };
}

/** What the box says it found, for people. */
export function describePaste(c: PasteClass): string {
  switch (c.found) {
    case 'pem':
      return `PEM (${c.labels.map((l) => l.toLowerCase()).join(', ')})`;
    case 'der-base64':
    case 'der-hex':
      return `${KIND_NAMES[c.kind]} in ${c.found === 'der-hex' ? 'hex' : 'base64'}`;
    case 'embedded-pem':
      return 'configuration with certificates or keys inside';
    case 's_client':
      return 'the output of openssl s_client';
    case 'target':
      return `a server: ${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}`;
    case 'text':
      return 'an error message';
    case 'empty':
      return 'nothing yet';
  }
}

const KIND_NAMES: Record<DerKind, string> = {
  certificate: 'a certificate',
  'trusted-certificate': 'a trusted certificate',
  crl: 'a revocation list',
  csr: 'a signing request',
  pkcs8: 'a private key',
  'encrypted-pkcs8': 'an encrypted private key',
  pkcs1: 'an RSA private key',
  sec1: 'an EC private key',
  spki: 'a public key',
  'rsa-public': 'an RSA public key',
  pkcs7: 'a PKCS#7 bundle',
  pkcs12: 'a PKCS#12 file (.p12/.pfx)',
};
