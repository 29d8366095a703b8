/**
 * What else a pasted text tells: which client printed it and which host (and port) it talked to.
 * The host only ever goes into a suggested command, so it must look like a host name or an IP.
 */
import type { ClientId as RegistryClientId } from '../clients/messages.ts';
import type { ClientId } from './patterns.ts';

/** How each client's output looks, tried in this order (the first match wins). Every client is listed, so a new one in the registry must get its signature here. */
const SIGNATURES: Record<RegistryClientId, RegExp> = {
  openssl: /verify error:num=|Verify return code:|^CONNECTED\(|error \d+ at \d+ depth lookup|^depth=\d/m,
  curl: /\bcurl: \(\d+\)|SSL certificate problem:/,
  python: /Traceback \(most recent call last\)|\bssl\.SSL\w*Error|_ssl\.c:\d+|urllib\.error|requests\.exceptions|HTTPSConnectionPool\(/,
  java: /javax\.net\.ssl|sun\.security\.|java\.security\.cert|\bat [\w.$]+\([\w$]+\.java:\d+\)/,
  node: /node:internal|at TLSSocket|\bcode: '[A-Z_]+'|ERR_TLS_|Node\.js v\d+/,
  go: /\bx509: |\btls: (?:failed|first record)|\bGet "https?:/,
  rustls: /invalid peer certificate: |received fatal alert: [A-Z]|\brustls::|\bwebpki::/,
  dotnet: /System\.Net\.|System\.Security\.Authentication|SslPolicyErrors|X509ChainStatus/,
  chrome: /NET::ERR_|net::ERR_|\bERR_CERT_|\bERR_SSL_/,
  firefox: /\bSEC_ERROR_|\bSSL_ERROR_|MOZILLA_PKIX_ERROR_/,
};

export function detectClient(text: string): ClientId | null {
  for (const [client, re] of Object.entries(SIGNATURES) as [RegistryClientId, RegExp][]) if (re.test(text)) return client;
  return null;
}

export interface Target {
  host: string;
  port: number;
}

const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4_RE = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6_RE = /^[0-9A-Fa-f:]+$/;

/** A host that is safe to print inside a shell command, or null. */
export function safeHost(raw: string): string | null {
  const h = raw.trim().replace(/\.$/, '');
  if (h.length === 0 || h.length > 253) return null;
  if (IPV4_RE.test(h)) return h.split('.').every((o) => Number(o) <= 255) ? h : null;
  if (h.startsWith('[') && h.endsWith(']') && IPV6_RE.test(h.slice(1, -1)) && h.includes(':')) return h;
  if (IPV6_RE.test(h) && h.split(':').length > 2) return `[${h}]`;
  if (!HOST_RE.test(h) || !/[A-Za-z]/.test(h)) return null;
  return h.toLowerCase();
}

const TARGET_PATTERNS: RegExp[] = [
  /-connect\s+(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+)(?::(\d+))?/,
  /https?:\/\/(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+)(?::(\d+))?/,
  /host='([^']+)',\s*port=(\d+)/,
  /Host: ([^\s]+?)\.? is not in the cert's altnames/,
  /IP: ([^\s]+) is not in the cert's list/,
  /x509: certificate is valid for [^\n]*?, not ([^\s"]+)/,
  /wanted to match ([^\s"]+)/,
  /No subject alternative (?:DNS name|names) matching (?:IP address )?(\S+?) found/,
  /No name matching (\S+?) found/,
  /certificate is not valid for '([^']+)'/,
  /target host ?name '([^']+)'/,
  /Connected to (\S+) \(/,
  /servername\s+(\S+)/,
];

const TARGET_PATTERNS_G = TARGET_PATTERNS.map((re) => new RegExp(re.source, `${re.flags}g`));

/**
 * Hosts of help and documentation pages that clients and tools print themselves ("More details
 * here: https://curl.se/docs/sslcerts.html", PHP's "(see https://curl.haxx.se/libcurl/...)"):
 * never the server that failed.
 */
const HELP_HOSTS =
  /^(?:curl\.se|curl\.haxx\.se|docs\.python\.org|urllib3\.readthedocs\.io|requests\.readthedocs\.io|pip\.pypa\.io|nodejs\.org|docs\.npmjs\.com|go\.dev|golang\.org|pkg\.go\.dev|aka\.ms|learn\.microsoft\.com|docs\.microsoft\.com|support\.microsoft\.com|developer\.apple\.com|developer\.android\.com|docs\.oracle\.com|www\.openssl\.org|openssl\.org|docs\.openssl\.org|wiki\.openssl\.org|letsencrypt\.org|community\.letsencrypt\.org|stackoverflow\.com|superuser\.com|serverfault\.com|kubernetes\.io|docs\.docker\.com|docs\.github\.com|git-scm\.com|docs\.gradle\.org|maven\.apache\.org|docs\.rs|doc\.rust-lang\.org|docs\.astral\.sh|www\.postgresql\.org|nginx\.org|httpd\.apache\.org|bugs\.python\.org|github\.com\/[^/]+\/[^/]+\/issues)$/i;

/** Lines that only point to documentation: "More details here: URL", "(see URL)", "For more information, see URL", markdown links. */
function withoutHelpLinks(text: string): string {
  return text
    .replace(
      /^.*(?:More details here|more information|For more info|learn more|Learn more about|documentation|see also|Read more)[^\n]*https?:\/\/[^\n]*$/gim,
      '',
    )
    .replace(/\(see https?:\/\/[^)\s]+\)/gi, '')
    .replace(/\[[^\]\n]*\]\(https?:\/\/[^)\s]+\)/g, '');
}

export function findTarget(input: string): Target | null {
  const text = withoutHelpLinks(input);
  for (const re of TARGET_PATTERNS_G) {
    for (const m of text.matchAll(re)) {
      const host = safeHost(m[1]!);
      if (!host || HELP_HOSTS.test(host)) continue;
      const port = m[2] ? Number(m[2]) : 443;
      return { host, port: port > 0 && port < 65536 ? port : 443 };
    }
  }
  return null;
}
