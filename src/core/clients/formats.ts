/**
 * Small formatting rules the clients apply when they print a certificate error:
 * template filling, Python's repr() quoting, Java's Date.toString, Go's RFC 3339,
 * OpenSSL's subjectAltName string (what Node shows) and Go's algorithm names.
 */
import { assertNever } from '../assert-never.ts';
import type { Certificate, GeneralName } from '../model.ts';

/** Replaces each {name} with vars[name]; throws on a placeholder without a value (a programming error). */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`Template placeholder {${name}} has no value. Template: ${template}`);
    return String(v);
  });
}

/** Python's repr() of a str holding printable ASCII: single quotes unless the text has a ' and no ". */
export function pyRepr(s: string): string {
  const escaped = s.replace(/\\/g, '\\\\');
  if (s.includes("'") && !s.includes('"')) return `"${escaped}"`;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** java.util.Date.toString() in a JVM whose default time zone is UTC: "Mon Nov 16 19:36:19 UTC 2026". */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Go's time.Format(time.RFC3339) of a UTC time: "2026-11-16T19:36:19Z" (whole seconds). */
export function goRfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Canonical text of an IP SAN value as OpenSSL prints it (IPv6 upper-case, full groups). */
function opensslIp(value: string): string {
  if (!value.includes(':')) return value;
  return value
    .split(':')
    .map((g) => g.toUpperCase())
    .join(':');
}

/** OpenSSL's one-line subjectAltName rendering, which Node exposes as cert.subjectaltname. */
export function opensslSanString(sans: GeneralName[]): string {
  return sans
    .map((n) => {
      switch (n.type) {
        case 'dns':
          return `DNS:${n.value}`;
        case 'ip':
          return `IP Address:${opensslIp(n.value)}`;
        case 'email':
          return `email:${n.value}`;
        case 'uri':
          return `URI:${n.value}`;
        case 'dirName':
          return `DirName:${n.value.oneline}`;
        case 'registeredId':
          return `Registered ID:${n.value}`;
        case 'otherName':
        case 'unknown':
          return 'othername:<unsupported>';
        default:
          return assertNever(n, 'GeneralName');
      }
    })
    .join(', ');
}

export const dnsSans = (c: Certificate | undefined): string[] => (c?.subjectAltNames ?? []).filter((n) => n.type === 'dns').map((n) => n.value);
export const ipSans = (c: Certificate | undefined): string[] => (c?.subjectAltNames ?? []).filter((n) => n.type === 'ip').map((n) => n.value);

/** The most specific (last) CN of a certificate's subject. */
export function commonName(c: Certificate | undefined): string | undefined {
  const cns = (c?.subject.rdns ?? []).flat().filter((a) => a.type === 'CN');
  return cns.length ? cns[cns.length - 1].value : undefined;
}

/** CN out of a subject string such as "CN=Certlab Test ICA" or "C=US, O=X, CN=R11". */
export function cnOfSubject(subject: string | undefined): string | undefined {
  const m = /(?:^|[,/]\s*)CN\s*=\s*([^,/]+)/.exec(subject ?? '');
  return m ? m[1].trim() : undefined;
}

/** Go's SignatureAlgorithm.String() for the weak algorithms OpenSSL flags. */
export function goAlgorithmName(oid: string | undefined): string {
  switch (oid) {
    case '1.2.840.113549.1.1.5':
      return 'SHA1-RSA';
    case '1.2.840.10045.4.1':
      return 'ECDSA-SHA1';
    case '1.2.840.113549.1.1.4':
      return 'MD5-RSA';
    case '1.2.840.113549.1.1.2':
      return 'MD2-RSA';
    case '1.2.840.10040.4.3':
      return 'DSA-SHA1';
    default:
      return oid ?? 'unknown';
  }
}

export const isIpLiteral = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
